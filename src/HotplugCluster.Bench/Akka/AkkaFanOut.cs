using Akka.Actor;

namespace HotplugCluster.Bench.Akka;

/// <summary>One coordinator and N echo workers on Akka.NET's default dispatcher: each round is N requests out and N replies in.</summary>
public sealed class AkkaFanOut : IDisposable
{
    private readonly ActorSystem _system = AkkaSystems.Create("bench");
    private readonly ManualResetEventSlim _done = new();
    private readonly IActorRef _coordinator;
    private readonly int _workers;

    public AkkaFanOut(int workers)
    {
        _workers = workers;
        var refs = Enumerable.Range(0, workers).Select(_ => _system.ActorOf(Props.Create<AkkaEchoActor>())).ToArray();
        _coordinator = _system.ActorOf(Props.Create(() => new AkkaFanOutActor(refs, () => _done.Set())));
    }

    /// <summary>Runs <paramref name="rounds"/> rounds; returns the messages delivered (2 × workers per round).</summary>
    public long Run(long rounds)
    {
        _done.Reset();
        _coordinator.Tell(rounds, ActorRefs.NoSender);
        _done.Wait();
        return 2 * _workers * rounds;
    }

    public void Dispose()
    {
        AkkaSystems.Shutdown(_system);
        _done.Dispose();
    }
}
