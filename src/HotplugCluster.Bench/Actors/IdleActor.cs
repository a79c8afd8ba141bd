using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>The minimal actor: no state, no handler table.</summary>
internal sealed class IdleActor : UntypedActor
{
    protected override void OnReceive(object message) => Unhandled(message);
}
