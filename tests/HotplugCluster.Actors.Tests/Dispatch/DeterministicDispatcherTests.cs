using HotplugCluster.Actors.Dispatch;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class DeterministicDispatcherTests
{
    [Fact]
    public void Same_program_and_seed_give_the_same_history_byte_for_byte() =>
        RandomizedTest.ForSeeds(200, firstSeed: 1, seed =>
        {
            var program = new RandomProgram(seed);

            var first = program.Run(() => new RandomStrategy(seed * 7919));
            var second = program.Run(() => new RandomStrategy(seed * 7919));

            Assert.NotEmpty(first);
            Assert.Equal(first, second);
        });

    [Fact]
    public void Different_seeds_give_different_interleavings_when_the_program_allows_it()
    {
        var programsWithChoice = 0;
        RandomizedTest.ForSeeds(50, firstSeed: 1000, seed =>
        {
            var program = new RandomProgram(seed);
            var histories = Enumerable.Range(0, 8).Select(s => Convert.ToHexString(program.Run(() => new RandomStrategy(s)))).Distinct().Count();
            programsWithChoice += histories > 1 ? 1 : 0;
        });

        // Some generated programs are sequential (one message in flight at a time); most are not.
        Assert.True(programsWithChoice >= 25, $"only {programsWithChoice} of 50 programs showed more than one interleaving");
    }

    [Fact]
    public void No_actor_is_current_after_an_exception_escapes_a_step()
    {
        using var system = ActorSystem.Create("escape");
        var echo = system.ActorOf(Props.Create(() => new TestActors.Echo()));
        system.RunUntilQuiescent();
        system.SetDeliveryObserver(new ThrowingObserver());
        echo.Tell("hello", null);

        Assert.Throws<InvalidOperationException>(() => system.RunUntilQuiescent());

        Assert.Null(HotplugCluster.Actors.Cells.ActorCell.Current);
    }

    [Fact]
    public void Recorded_trace_replays_to_the_same_history() =>
        RandomizedTest.ForSeeds(50, firstSeed: 500, seed =>
        {
            var program = new RandomProgram(seed);
            var original = program.Run(() => new RandomStrategy(seed), recordTrace: true, out var trace);

            var replayed = program.Run(() => new ReplayStrategy(trace!));

            Assert.Equal(original, replayed);
        });

    [Fact]
    public void Replay_reports_the_first_step_whose_recorded_actor_is_not_enabled()
    {
        var program = new RandomProgram(42);
        program.Run(() => new FifoStrategy(), recordTrace: true, out var trace);
        var tampered = new Trace(trace!.Choices.Select((id, step) => step == 5 ? 9999 : id));

        var e = Assert.Throws<TraceDivergenceException>(() => program.Run(() => new ReplayStrategy(tampered)));

        Assert.Equal(5, e.Divergence!.Step);
        Assert.Equal(9999, e.Divergence.ExpectedActorId);
    }

    [Fact]
    public void A_truncated_trace_diverges_at_its_end_unless_replay_continues_in_enable_order()
    {
        var program = new RandomProgram(42);
        var fifo = program.Run(() => new FifoStrategy(), recordTrace: true, out var trace);
        var prefix = new Trace(trace!.Choices.Take(trace.Count / 2));

        var e = Assert.Throws<TraceDivergenceException>(() => program.Run(() => new ReplayStrategy(prefix)));
        Assert.Equal(prefix.Count, e.Divergence!.Step);

        Assert.Equal(fifo, program.Run(() => new ReplayStrategy(prefix, fifoPastEnd: true)));
    }

    [Fact]
    public void Trace_bytes_round_trip()
    {
        var trace = new Trace([0, 1, 127, 128, 300, long.MaxValue]);

        Assert.Equal(trace.Choices, Trace.FromBytes(trace.ToBytes()).Choices);
    }

    [Theory]
    [InlineData(SchedulingStrategyKind.Fifo, 1)]
    [InlineData(SchedulingStrategyKind.Random, 1)]
    [InlineData(SchedulingStrategyKind.Random, 2)]
    [InlineData(SchedulingStrategyKind.Random, 3)]
    public void Messages_from_one_sender_arrive_in_send_order(SchedulingStrategyKind strategy, long seed)
    {
        using var system = ActorSystem.Create("fifo", new ActorSystemSettings { Strategy = strategy, Seed = seed });
        var log = new List<(string Sender, int N)>();
        var receiver = system.ActorOf(Props.Create(() => new Recorder(log)));
        foreach (var name in new[] { "a", "b", "c" })
        {
            system.ActorOf(Props.Create(() => new Burst(receiver, 100)), name);
        }

        system.RunUntilQuiescent();

        Assert.Equal(300, log.Count);
        foreach (var group in log.GroupBy(e => e.Sender))
        {
            Assert.Equal(Enumerable.Range(0, 100), group.Select(e => e.N));
        }
    }

    private sealed class Burst(IActorRef target, int count) : UntypedActor
    {
        protected override void PreStart()
        {
            for (var i = 0; i < count; i++)
            {
                target.Tell(i, Self);
            }
        }

        protected override void OnReceive(object message) => Unhandled(message);
    }

    private sealed class Recorder(List<(string Sender, int N)> log) : UntypedActor
    {
        protected override void OnReceive(object message) => log.Add((Sender.Path.Name, (int)message));
    }

    private sealed class ThrowingObserver : IDeliveryObserver
    {
        public void OnDelivery(long stepNumber, long receiverId, long senderId, object message) => throw new InvalidOperationException("observer failed");
    }
}
