using Akka.Actor;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Bench.Akka;

/// <summary>The Akka.NET twin of our fan-out coordinator: scatters the ball to every worker, gathers the replies, repeats, then signals.</summary>
internal sealed class AkkaFanOutActor(IActorRef[] workers, Action done) : UntypedActor
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
        else if (--_pending == 0)
        {
            if (--_rounds > 0)
            {
                Scatter();
            }
            else
            {
                done();
            }
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
