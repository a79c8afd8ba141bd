using HotplugCluster.Actors.Supervision;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests.Supervision;

public sealed class SupervisionTests : ActorTestKit
{
    [Theory]
    [InlineData(Directive.Resume, 2)]
    [InlineData(Directive.Restart, 1)]
    public void Directive_decides_whether_state_survives_a_failure(Directive directive, int expectedCount)
    {
        var child = ChildUnder(new OneForOneStrategy(_ => directive));
        child.Tell("inc", null);
        child.Tell("fail", null);
        child.Tell("inc", null);
        child.Tell("get", TestActor.Ref);

        Assert.Equal(expectedCount, ExpectMsg<int>());
    }

    [Fact]
    public void Stop_directive_stops_the_failed_child()
    {
        var child = ChildUnder(new OneForOneStrategy(_ => Directive.Stop));
        TestActor.Watch(child);
        child.Tell("fail", null);

        TestActor.ExpectTerminated(child);
    }

    [Fact]
    public void Restart_becomes_Stop_when_retries_within_the_window_are_exhausted()
    {
        var child = ChildUnder(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        TestActor.Watch(child);
        for (var i = 0; i < 3; i++)
        {
            child.Tell("fail", null);
        }

        TestActor.ExpectTerminated(child);
    }

    [Fact]
    public void Retries_are_counted_per_window_so_spread_out_failures_keep_restarting()
    {
        var child = ChildUnder(new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart));
        TestActor.Watch(child);
        for (var i = 0; i < 3; i++)
        {
            child.Tell("fail", null);
            Sys.AdvanceTime(TimeSpan.FromSeconds(11));
        }

        child.Tell("get", TestActor.Ref);
        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void AllForOne_restarts_every_sibling_of_the_failed_child()
    {
        var supervisor = ActorOf(Props.Create(() => new Supervisor(2)).WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        supervisor.Tell("children", TestActor.Ref);
        var children = ExpectMsg<IActorRef[]>();
        children[1].Tell("inc", null);
        children[0].Tell("fail", null);
        RunUntilQuiescent();
        children[1].Tell("get", TestActor.Ref);

        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_its_own_supervisor_restarts()
    {
        var supervisor = ActorOfAsTestActorRef<Supervisor>(
            Props.Create(() => new Supervisor(1)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)));
        var first = supervisor.UnderlyingActor;
        supervisor.Ref.Tell("children", TestActor.Ref);
        ExpectMsg<IActorRef[]>()[0].Tell("fail", null);
        RunUntilQuiescent();

        Assert.NotSame(first, supervisor.UnderlyingActor);
    }

    [Fact]
    public void Exception_in_a_handler_never_stops_the_dispatcher()
    {
        var child = ChildUnder(SupervisorStrategy.Default);
        for (var i = 0; i < 100; i++)
        {
            child.Tell("fail", null);
        }

        var echo = ActorOf(Props.Create<TestActors.Echo>());
        echo.Tell("still alive", TestActor.Ref);

        Assert.Equal("still alive", TestActor.FishForMessage<string>(_ => true));
    }

    [Fact]
    public void Constructor_failure_stops_the_actor_under_the_default_strategy()
    {
        var broken = ActorOf(Props.Create<Broken>());

        TestActor.ExpectTerminated(broken);
    }

    private IActorRef ChildUnder(SupervisorStrategy strategy)
    {
        var supervisor = ActorOf(Props.Create(() => new Supervisor(1)).WithSupervisorStrategy(strategy));
        supervisor.Tell("children", TestActor.Ref);
        return ExpectMsg<IActorRef[]>()[0];
    }

    private sealed class Supervisor : UntypedActor
    {
        private readonly IActorRef[] _children;

        public Supervisor(int children) =>
            _children = [.. Enumerable.Range(0, children).Select(i => Context.ActorOf(Props.Create<TestActors.Counter>(), "c" + i))];

        protected override void OnReceive(object message) => Sender.Tell(_children, Self);
    }

    private sealed class Broken : UntypedActor
    {
        public Broken() => throw new InvalidOperationException("cannot build");

        protected override void OnReceive(object message)
        {
        }
    }
}
