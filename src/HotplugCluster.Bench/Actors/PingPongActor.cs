using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Returns the ball to its sender until the pair's shared budget is spent, then signals <see cref="PairBudget.Done"/>.</summary>
internal sealed class PingPongActor(PairBudget budget) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (--budget.Left > 0)
        {
            Sender.Tell(message, Self);
        }
        else
        {
            budget.Done?.Invoke();
        }
    }
}
