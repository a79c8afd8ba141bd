using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Creates the requested number of <see cref="IdleActor"/> children when told a count.</summary>
internal sealed class IdleParent : UntypedActor
{
    private static readonly Props Child = Props.Create<IdleActor>();

    protected override void OnReceive(object message)
    {
        for (var i = 0; i < (int)message; i++)
        {
            Context.ActorOf(Child);
        }
    }
}
