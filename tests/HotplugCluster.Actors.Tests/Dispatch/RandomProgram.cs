using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors.Tests.Dispatch;

/// <summary>A randomly generated actor program (from a program seed): actors that fan messages out to each other, some via timers and
/// some through children they spawn. Its message history is recorded as bytes so that runs can be compared exactly.</summary>
internal sealed class RandomProgram
{
    private readonly int _actorCount;
    private readonly (int Target, int Value)[] _initial;
    private readonly int _maxDepth;

    public RandomProgram(long programSeed)
    {
        var random = new DeterministicRandom(programSeed);
        _actorCount = 2 + random.NextInt(7);
        _maxDepth = 2 + random.NextInt(4);
        _initial = [.. Enumerable.Range(0, 1 + random.NextInt(6)).Select(_ => (random.NextInt(_actorCount), random.NextInt(1000)))];
    }

    /// <summary>Runs the program on a fresh deterministic system with the given strategy and returns its delivery history.</summary>
    public byte[] Run(Func<ISchedulingStrategy> strategy, bool recordTrace = false) => Run(strategy, recordTrace, out _);

    public byte[] Run(Func<ISchedulingStrategy> strategy, bool recordTrace, out Trace? trace)
    {
        using var system = ActorSystem.Create("program", new ActorSystemSettings { StrategyFactory = strategy, RecordTrace = recordTrace });
        var history = new HistoryRecorder(() => system.Scheduler.Now);
        system.SetDeliveryObserver(history);
        Start((props, name) => system.ActorOf(props, name));
        system.AdvanceTime(TimeSpan.FromSeconds(10));
        trace = system.Trace;
        return history.ToBytes();
    }

    /// <summary>Runs the program inside an island (already created) and returns its delivery history.</summary>
    public byte[] RunOn(Island island)
    {
        var history = new HistoryRecorder(() => island.Now);
        island.SetDeliveryObserver(history);
        Start(island.ActorOf);
        island.AdvanceTime(TimeSpan.FromSeconds(10));
        return history.ToBytes();
    }

    private void Start(Func<Props, string, IActorRef> actorOf)
    {
        var peers = new IActorRef[_actorCount];
        for (var i = 0; i < peers.Length; i++)
        {
            var index = i;
            peers[i] = actorOf(Props.Create(() => new ProgramActor(index, peers, _maxDepth)), "p" + i);
        }

        foreach (var (target, value) in _initial)
        {
            peers[target].Tell(new Hop(value, 0), null);
        }
    }

    internal sealed record Hop(int Value, int Depth);

    private sealed class ProgramActor(int index, IActorRef[] peers, int maxDepth) : UntypedActor
    {
        private int _state;

        protected override void OnReceive(object message)
        {
            if (message is not Hop hop)
            {
                Unhandled(message);
                return;
            }

            _state = unchecked((_state * 31) + hop.Value + index);
            if (hop.Depth >= maxDepth)
            {
                return;
            }

            var h = (uint)unchecked((hop.Value * 2654435761) ^ (index * 40503) ^ _state);
            var fanOut = (int)(h % 3);
            for (var k = 0; k < fanOut; k++)
            {
                var next = new Hop(unchecked((int)(h >> (k + 3)) & 0xFFFF), hop.Depth + 1);
                var target = peers[(int)((h >> (8 * k)) % (uint)peers.Length)];
                switch ((h >> (4 + k)) % 8)
                {
                    case 0:
                        Timers.StartSingleTimer(next.Value, next, TimeSpan.FromMilliseconds(h % 50));
                        break;
                    case 1 when hop.Depth < 2:
                        Context.ActorOf(Props.Create(() => new ProgramActor(index, peers, maxDepth))).Tell(next, Self);
                        break;
                    default:
                        target.Tell(next, Self);
                        break;
                }
            }
        }
    }

    private sealed class HistoryRecorder(Func<TimeSpan> now) : IDeliveryObserver
    {
        private readonly List<byte> _bytes = [];

        public void OnDelivery(long stepNumber, long receiverId, long senderId, object message)
        {
            Span<long> header = [stepNumber, now().Ticks, receiverId, senderId];
            _bytes.AddRange(System.Runtime.InteropServices.MemoryMarshal.AsBytes(header));
            Span<int> body = message is Hop hop ? [hop.Value, hop.Depth] : [-1, message.GetType().Name.Length];
            _bytes.AddRange(System.Runtime.InteropServices.MemoryMarshal.AsBytes(body));
        }

        public byte[] ToBytes() => [.. _bytes];
    }
}
