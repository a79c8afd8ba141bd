using Akka.Actor;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Bench.Akka;

/// <summary><see cref="ParallelPingPong"/> on Akka.NET: the same pairs, window and message counts on its default dispatcher.</summary>
public sealed class AkkaPingPong : IDisposable
{
    private readonly ActorSystem _system = AkkaSystems.Create("bench");
    private readonly CountdownEvent _done;
    private readonly IActorRef[] _pings;
    private readonly int _window;

    public AkkaPingPong(int pairs, int window = 1)
    {
        _window = window;
        _done = new CountdownEvent(pairs);
        _pings = new IActorRef[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var echo = _system.ActorOf(Props.Create<AkkaEchoActor>());
            _pings[i] = _system.ActorOf(Props.Create(() => new AkkaPingActor(echo, () => _done.Signal())));
        }
    }

    /// <summary>Delivers about <paramref name="messagesPerPair"/> messages (whole round trips) in every pair and returns the total delivered.</summary>
    public long Run(long messagesPerPair)
    {
        var roundTrips = Math.Max(1, messagesPerPair / 2);
        _done.Reset();
        foreach (var ping in _pings)
        {
            ping.Tell(new PingStart(roundTrips, _window), ActorRefs.NoSender);
        }

        _done.Wait();
        return 2 * roundTrips * _pings.Length;
    }

    public void Dispose()
    {
        AkkaSystems.Shutdown(_system);
        _done.Dispose();
    }
}
