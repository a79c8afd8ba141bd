using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Bench.Actors;

/// <summary>Several ping-pong pairs on a parallel system, enough to keep every core busy; <c>window</c> balls in flight per pair.</summary>
public sealed class ParallelPingPong : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("bench", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
    private readonly CountdownEvent _done;
    private readonly IActorRef[] _pings;
    private readonly int _window;

    public ParallelPingPong(int pairs, int window = 1)
    {
        _window = window;
        _done = new CountdownEvent(pairs);
        _pings = new IActorRef[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var echo = _system.ActorOf(Props.Create<EchoActor>());
            _pings[i] = _system.ActorOf(Props.Create(() => new WindowPingActor(echo, () => _done.Signal())));
        }
    }

    /// <summary>Delivers about <paramref name="messagesPerPair"/> messages (whole round trips) in every pair and returns the total delivered.</summary>
    public long Run(long messagesPerPair)
    {
        var roundTrips = Math.Max(1, messagesPerPair / 2);
        _done.Reset();
        foreach (var ping in _pings)
        {
            ping.Tell(new PingStart(roundTrips, _window), null);
        }

        _done.Wait();
        return 2 * roundTrips * _pings.Length;
    }

    public void Dispose()
    {
        _system.Dispose();
        _done.Dispose();
    }
}
