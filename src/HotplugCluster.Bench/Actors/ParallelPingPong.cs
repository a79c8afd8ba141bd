using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Bench.Actors;

/// <summary>Several ping-pong pairs on a parallel system, enough to keep every core busy.</summary>
public sealed class ParallelPingPong : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("bench", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
    private readonly CountdownEvent _done;
    private readonly (PairBudget Budget, IActorRef Ping, IActorRef Pong)[] _pairs;

    public ParallelPingPong(int pairs)
    {
        _done = new CountdownEvent(pairs);
        _pairs = new (PairBudget, IActorRef, IActorRef)[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var budget = new PairBudget { Done = () => _done.Signal() };
            _pairs[i] = (budget, _system.ActorOf(Props.Create(() => new PingPongActor(budget))), _system.ActorOf(Props.Create(() => new PingPongActor(budget))));
        }
    }

    /// <summary>Delivers <paramref name="messagesPerPair"/> messages in every pair and returns the total delivered.</summary>
    public long Run(long messagesPerPair)
    {
        _done.Reset();
        foreach (var (budget, ping, pong) in _pairs)
        {
            budget.Left = messagesPerPair;
            ping.Tell(Ball.Instance, pong);
        }

        _done.Wait();
        return messagesPerPair * _pairs.Length;
    }

    public void Dispose()
    {
        _system.Dispose();
        _done.Dispose();
    }
}
