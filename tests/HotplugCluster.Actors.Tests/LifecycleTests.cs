using HotplugCluster.Actors.Messages;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class LifecycleTests : ActorTestKit
{
    [Fact]
    public void PreStart_runs_before_the_first_message_and_PostStop_after_PoisonPill()
    {
        var actor = ActorOf(Props.Create(() => new TestActors.Lifecycle(TestActor.Ref)));
        actor.Tell("hello", null);
        actor.Tell(PoisonPill.Instance, null);
        actor.Tell("after", null);

        Assert.Equal("PreStart", ExpectMsg<string>());
        Assert.Equal("hello", ExpectMsg<string>());
        Assert.Equal("PostStop", ExpectMsg<string>());
        ExpectNoMsg();
    }

    [Fact]
    public void Restart_calls_PreRestart_with_the_failing_message_then_PostRestart()
    {
        var actor = ActorOf(Props.Create(() => new TestActors.Lifecycle(TestActor.Ref)));
        actor.Tell("fail", null);
        actor.Tell("next", null);

        Assert.Equal("PreStart", ExpectMsg<string>());
        Assert.Equal("PreRestart:fail", ExpectMsg<string>());
        Assert.Equal("PostStop", ExpectMsg<string>());
        Assert.Equal("PostRestart", ExpectMsg<string>());
        Assert.Equal("PreStart", ExpectMsg<string>());
        Assert.Equal("next", ExpectMsg<string>());
    }

    [Fact]
    public void Stopping_a_parent_stops_children_first()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor.Ref)), "parent");
        Assert.Equal("PreStart", ExpectMsg<string>());
        Assert.Equal("/user/parent/child", TestActor.LastSender!.Path.ToString());

        Sys.Stop(parent);

        Assert.Equal("PostStop", ExpectMsg<string>());
        Assert.Equal("/user/parent/child", TestActor.LastSender!.Path.ToString());
        Assert.Equal("parent stopped", ExpectMsg<string>());
    }

    [Fact]
    public void Watch_delivers_Terminated_when_the_watched_actor_stops()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        TestActor.Watch(echo);
        RunUntilQuiescent();

        echo.Tell(PoisonPill.Instance, null);

        Assert.Equal(echo, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Watch_delivers_Terminated_at_once_when_the_actor_had_already_stopped()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        Sys.Stop(echo);
        RunUntilQuiescent();

        Assert.Equal(echo, TestActor.ExpectTerminated(echo).ActorRef);
    }

    [Fact]
    public void Children_and_Child_find_live_children_by_name()
    {
        var parent = ActorOfAsTestActorRef<Parent>(Props.Create(() => new Parent(TestActor.Ref)));
        ExpectMsg<string>();

        Assert.NotNull(parent.UnderlyingActor.FindChild("child"));
        Assert.Null(parent.UnderlyingActor.FindChild("nobody"));
    }

    private sealed class Parent(IActorRef monitor) : UntypedActor
    {
        public IActorRef? FindChild(string name) => Context.Child(name);

        protected override void PreStart() => Context.ActorOf(Props.Create(() => new TestActors.Lifecycle(monitor)), "child");

        protected override void PostStop() => monitor.Tell("parent stopped", Self);

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
