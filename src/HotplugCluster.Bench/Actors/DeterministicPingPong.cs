using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Two actors on a deterministic (FIFO) system passing one ball; every message is one dispatcher step.</summary>
public sealed class DeterministicPingPong : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("bench");
    private readonly PairBudget _budget = new();
    private readonly IActorRef _ping;
    private readonly IActorRef _pong;

    public DeterministicPingPong()
    {
        _ping = _system.ActorOf(Props.Create(() => new PingPongActor(_budget)));
        _pong = _system.ActorOf(Props.Create(() => new PingPongActor(_budget)));
        _system.RunUntilQuiescent();
    }

    /// <summary>Delivers <paramref name="messages"/> messages and returns how many steps that took.</summary>
    public long Run(long messages)
    {
        _budget.Left = messages;
        _ping.Tell(Ball.Instance, _pong);
        return _system.RunUntilQuiescent();
    }

    public void Dispose() => _system.Dispose();
}
