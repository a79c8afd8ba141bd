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

    [Fact]
    public void An_actor_created_on_its_first_message_is_constructed_just_before_it_in_the_same_step()
    {
        var log = new List<string>();
        var actor = ActorOf(Props.Create(() => new Recorder(log)).WithCreationOnFirstMessage());
        RunUntilQuiescent();
        Assert.Empty(log);

        actor.Tell("hello", null);
        actor.Tell("again", null);
        Assert.Equal(1, Sys.RunSteps(1));
        Assert.Equal(["PreStart", "hello"], log);

        Assert.Equal(1, RunUntilQuiescent());
        Assert.Equal(["PreStart", "hello", "again"], log);
    }

    [Fact]
    public void An_actor_created_on_its_first_message_that_is_stopped_first_runs_its_whole_lifecycle()
    {
        var actor = ActorOf(Props.Create(() => new TestActors.Lifecycle(TestActor.Ref)).WithCreationOnFirstMessage());
        RunUntilQuiescent();
        ExpectNoMsg();

        Sys.Stop(actor);

        Assert.Equal("PreStart", ExpectMsg<string>());
        Assert.Equal("PostStop", ExpectMsg<string>());
        Assert.Equal(actor, TestActor.ExpectTerminated(actor).ActorRef);
    }

    [Fact]
    public void An_actor_that_stops_itself_now_ends_in_that_step_and_its_parent_forgets_it_at_once()
    {
        var log = new List<string>();
        var (parent, child) = SpawnSelfStopper(log);

        child.Tell("stop", null);

        // One step: the child's message; no Terminate step, no notice to the parent.
        Assert.Equal(1, RunUntilQuiescent());
        Assert.Equal(["PostStop", "stop: stopped now"], log);
        Assert.Null(parent.UnderlyingActor.FindChild("child"));
        child.Tell("late", null);
        RunUntilQuiescent();
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public void An_actor_with_a_message_queued_or_a_watcher_does_not_stop_itself_now()
    {
        var log = new List<string>();
        var (parent, child) = SpawnSelfStopper(log);

        TestActor.Watch(child);
        RunUntilQuiescent();
        child.Tell("watched", null);
        RunUntilQuiescent();
        Assert.Equal(["watched: not now"], log);
        Assert.NotNull(parent.UnderlyingActor.FindChild("child"));

        var (other, second) = SpawnSelfStopper(log);
        second.Tell("stop", null);
        second.Tell("queued", null);
        RunUntilQuiescent();

        // The last message finds nothing behind it.
        Assert.Equal(["watched: not now", "stop: not now", "PostStop", "queued: stopped now"], log);
        Assert.Null(other.UnderlyingActor.FindChild("child"));
    }

    /// <summary>A parent whose child "child" is a <see cref="SelfStopper"/> logging to <paramref name="log"/>, both started.</summary>
    private (TestActorRef<Parent> Parent, IActorRef Child) SpawnSelfStopper(List<string> log)
    {
        var parent = ActorOfAsTestActorRef<Parent>(Props.Create(() => new Parent(TestActor.Ref, Props.Create(() => new SelfStopper(log)))));
        RunUntilQuiescent();
        return (parent, parent.UnderlyingActor.FindChild("child")!);
    }

    /// <summary>Tries to stop itself now on every message and logs whether it did (after PostStop when it did).</summary>
    private sealed class SelfStopper(List<string> log) : UntypedActor
    {
        protected override void PostStop() => log.Add("PostStop");

        protected override void OnReceive(object message) => log.Add($"{message}: {(Context.TryStopSelfNow() ? "stopped now" : "not now")}");
    }

    /// <summary>Logs its start and its messages in place (no monitor actor, so a step is this actor's alone).</summary>
    private sealed class Recorder : UntypedActor
    {
        private readonly List<string> _log;

        public Recorder(List<string> log)
        {
            _log = log;
        }

        protected override void PreStart() => _log.Add("PreStart");

        protected override void OnReceive(object message) => _log.Add((string)message);
    }

    private sealed class Parent(IActorRef monitor, Props? child = null) : UntypedActor
    {
        public IActorRef? FindChild(string name) => Context.Child(name);

        protected override void PreStart() => Context.ActorOf(child ?? Props.Create(() => new TestActors.Lifecycle(monitor)), "child");

        protected override void PostStop() => monitor.Tell("parent stopped", Self);

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
