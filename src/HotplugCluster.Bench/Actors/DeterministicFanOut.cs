using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>One coordinator and N workers on a deterministic system: each round is N requests out and N replies in.</summary>
public sealed class DeterministicFanOut : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("bench");
    private readonly IActorRef _coordinator;

    public DeterministicFanOut(int workers)
    {
        var refs = Enumerable.Range(0, workers).Select(_ => _system.ActorOf(Props.Create<EchoActor>())).ToArray();
        _coordinator = _system.ActorOf(Props.Create(() => new FanOutActor(refs)));
        _system.RunUntilQuiescent();
    }

    /// <summary>Runs <paramref name="rounds"/> rounds; returns the steps taken (2 × workers per round, plus the start).</summary>
    public long Run(long rounds)
    {
        _coordinator.Tell(rounds, null);
        return _system.RunUntilQuiescent();
    }

    public void Dispose() => _system.Dispose();
}
