using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Returns every message to its sender.</summary>
internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
