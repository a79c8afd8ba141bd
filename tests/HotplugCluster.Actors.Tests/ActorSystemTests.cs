using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Messages;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class ActorSystemTests : ActorTestKit
{
    [Fact]
    public void Actors_assembly_references_no_other_HotplugCluster_project()
    {
        var references = typeof(ActorSystem).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, name => name.StartsWith("HotplugCluster", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "throughput")]
    [InlineData(-5, "throughput")]
    public void Create_throws_ArgumentException_when_throughput_is_not_positive(int throughput, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad", new ActorSystemSettings { Throughput = throughput }));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_throws_ArgumentException_when_ask_timeout_is_not_positive() =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad", new ActorSystemSettings { AskTimeout = TimeSpan.Zero }));

    [Fact]
    public void Create_throws_ArgumentException_when_parallel_settings_ask_for_a_trace() =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel, RecordTrace = true }));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Create_throws_ArgumentException_when_name_is_malformed(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => ActorSystem.Create(name));

    [Fact]
    public void ActorOf_gives_user_paths_and_creation_order_ids()
    {
        var a = ActorOf(Props.Create<TestActors.Echo>(), "a");
        var b = ActorOf(Props.Create<TestActors.Echo>());

        Assert.Equal("/user/a", a.Path.ToString());
        Assert.Equal(b.Path.Uid, a.Path.Uid + 1);
        Assert.Equal("/user/$" + b.Path.Uid, b.Path.ToString());
    }

    [Fact]
    public void ReserveChildren_is_a_hint_only_children_and_their_names_behave_as_ever()
    {
        var spawner = ActorOf(Props.Create<ReservingSpawner>(), "spawner");

        spawner.Tell(100, TestActor.Ref);

        Assert.Equal("100 children, c42 found, duplicate refused", ExpectMsg<string>());
    }

    private sealed class ReservingSpawner : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var count = (int)message;
            Context.ReserveChildren(count);
            for (var i = 0; i < count; i++)
            {
                Context.ActorOf(Props.Create<TestActors.Echo>(), $"c{i}");
            }

            var refused = false;
            try
            {
                Context.ActorOf(Props.Create<TestActors.Echo>(), "c7");
            }
            catch (InvalidActorNameException)
            {
                refused = true;
            }

            Sender.Tell($"{Context.Children.Count} children, c42 {(Context.Child("c42") is null ? "missing" : "found")}, duplicate {(refused ? "refused" : "accepted")}");
        }
    }

    [Fact]
    public void IndexChildrenBySlot_children_are_named_found_refused_and_removed_as_ever()
    {
        var spawner = ActorOf(Props.Create<SlotSpawner>(), "slots");

        spawner.Tell("go", TestActor.Ref);

        Assert.Equal("early found, c42 found, c042 found, c7 refused, c1 refused, c3 gone, c3 again, 102 children", ExpectMsg<string>());
    }

    private sealed class SlotSpawner : UntypedActor
    {
        private readonly List<string> _facts = [];
        private readonly Props _echo = Props.Create<TestActors.Echo>();
        private IActorRef? _replyTo;

        // "cN" with N written plainly is slot N; anything else (c042, early) stays in the name table.
        private static int SlotOf(string name) =>
            name.Length > 1 && name[0] == 'c' && name[1] != '0' && int.TryParse(name.AsSpan(1), out var n) ? n : -1;

        protected override void OnReceive(object message)
        {
            if (message is Terminated)
            {
                // The parent forgets the child in a system message of its own, which runs before this next message.
                Self.Tell("check", Self);
                return;
            }

            if (message is "check")
            {
                _facts.Add(Context.Child("c3") is null ? "c3 gone" : "c3 kept");
                _facts.Add(Refused("c3") ? "c3 refused" : "c3 again");
                _facts.Add($"{Context.Children.Count} children");
                _replyTo!.Tell(string.Join(", ", _facts), Self);
                return;
            }

            _replyTo = Sender;

            // A child created before the index stays in the name table and is still found and refused.
            Context.ActorOf(_echo, "c1");
            Context.IndexChildrenBySlot(SlotOf);
            for (var i = 2; i < 100; i++)
            {
                Context.ActorOf(_echo, $"c{i}");
            }

            Context.ActorOf(_echo, "early");
            Context.ActorOf(_echo, "c042");
            Context.ActorOf(_echo, "c300");
            _facts.Add(Context.Child("early") is null ? "early missing" : "early found");
            _facts.Add(Context.Child("c42") is null ? "c42 missing" : "c42 found");
            _facts.Add(Context.Child("c042") is { } c042 && !c042.Equals(Context.Child("c42")) ? "c042 found" : "c042 wrong");
            _facts.Add(Refused("c7") ? "c7 refused" : "c7 accepted");
            _facts.Add(Refused("c1") ? "c1 refused" : "c1 accepted");
            var c3 = Context.Child("c3")!;
            Context.Watch(c3);
            Context.Stop(c3);
        }

        private bool Refused(string name)
        {
            try
            {
                Context.ActorOf(_echo, name);
                return false;
            }
            catch (InvalidActorNameException)
            {
                return true;
            }
        }
    }

    [Fact]
    public void ActorOf_throws_InvalidActorNameException_when_name_is_taken_or_starts_with_dollar()
    {
        ActorOf(Props.Create<TestActors.Echo>(), "a");

        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<TestActors.Echo>(), "a"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<TestActors.Echo>(), "$x"));
    }

    [Fact]
    public void Tell_outside_a_run_only_enqueues()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        echo.Tell("hi", TestActor.Ref);

        Assert.Equal(0, Sys.StepCount);
        Assert.Equal("hi", ExpectMsg<string>());
    }

    [Fact]
    public void Unknown_message_goes_to_dead_letters_as_unhandled()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var counter = ActorOf(Props.Create<TestActors.Counter>());
        counter.Tell(42, null);

        var dead = ExpectMsg<DeadLetter>();
        Assert.Equal(42, dead.Message);
        Assert.Equal(DeadLetterReason.Unhandled, dead.Reason);
        Assert.Equal(counter, dead.Recipient);
    }

    [Fact]
    public void Tell_to_a_stopped_actor_goes_to_dead_letters()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        TestActor.ExpectTerminated(Stopped(echo));
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));

        echo.Tell("late", null);

        Assert.Equal(DeadLetterReason.RecipientStopped, ExpectMsg<DeadLetter>().Reason);
    }

    [Fact]
    public void Run_methods_throw_on_a_parallel_system()
    {
        using var parallel = ActorSystem.Create("par", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });

        Assert.Throws<InvalidOperationException>(() => parallel.RunUntilQuiescent());
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        var forwarder = ActorOf(Props.Create(() => new Forwarder(echo)));

        forwarder.Tell("x", TestActor.Ref);

        Assert.Equal("x", ExpectMsg<string>());
        Assert.Equal(echo, TestActor.LastSender);
    }

    private IActorRef Stopped(IActorRef actor)
    {
        Sys.Stop(actor);
        return actor;
    }

    private sealed class Forwarder(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message) => target.Forward(message);
    }
}
