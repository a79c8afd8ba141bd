using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Sends the ball to every worker, waits for all replies (fan-in), and repeats for the requested number of rounds.</summary>
internal sealed class FanOutActor(IActorRef[] workers) : UntypedActor
{
    private long _rounds;
    private int _pending;

    protected override void OnReceive(object message)
    {
        if (message is long rounds)
        {
            _rounds = rounds;
            Scatter();
        }
        else if (--_pending == 0 && --_rounds > 0)
        {
            Scatter();
        }
    }

    private void Scatter()
    {
        _pending = workers.Length;
        foreach (var worker in workers)
        {
            worker.Tell(Ball.Instance, Self);
        }
    }
}
