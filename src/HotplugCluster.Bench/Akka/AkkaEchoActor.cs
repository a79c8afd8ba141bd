using Akka.Actor;

namespace HotplugCluster.Bench.Akka;

/// <summary>Returns every message to its sender.</summary>
internal sealed class AkkaEchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
