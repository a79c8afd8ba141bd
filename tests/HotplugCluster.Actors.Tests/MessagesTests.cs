using HotplugCluster.Actors.Messages;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class MessagesTests : ActorTestKit
{
    [Fact]
    public void Kill_makes_the_actor_fail_and_the_default_supervisor_stop_it()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        TestActor.Watch(echo);
        echo.Tell(Kill.Instance, null);

        TestActor.ExpectTerminated(echo);
    }

    [Fact]
    public void Failure_is_published_as_ActorFailed_on_the_event_stream()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(ActorFailed));
        var counter = ActorOf(Props.Create<TestActors.Counter>());
        counter.Tell("fail", null);

        Assert.IsType<InvalidOperationException>(ExpectMsg<ActorFailed>().Cause);
    }

    [Fact]
    public void Unwatch_prevents_a_later_Terminated()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        var watcher = ActorOf(Props.Create(() => new WatchThenUnwatch(echo, TestActor.Ref)));
        RunUntilQuiescent();

        Sys.Stop(echo);

        ExpectNoMsg();
    }

    [Fact]
    public void Unhandled_Terminated_stops_the_watcher_with_a_death_pact()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        var watcher = ActorOf(Props.Create(() => new Watcher(echo)));
        TestActor.Watch(watcher);
        RunUntilQuiescent();

        Sys.Stop(echo);

        TestActor.ExpectTerminated(watcher);
    }

    private sealed class Watcher : UntypedActor
    {
        public Watcher(IActorRef target) => Context.Watch(target);

        protected override void OnReceive(object message) => Unhandled(message);
    }

    private sealed class WatchThenUnwatch : UntypedActor
    {
        private readonly IActorRef _monitor;

        public WatchThenUnwatch(IActorRef target, IActorRef monitor)
        {
            _monitor = monitor;
            Context.Watch(target);
            Context.Unwatch(target);
        }

        protected override void OnReceive(object message) => _monitor.Tell(message, Self);
    }
}
