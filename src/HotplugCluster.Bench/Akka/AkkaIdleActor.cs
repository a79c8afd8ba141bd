using Akka.Actor;

namespace HotplugCluster.Bench.Akka;

/// <summary>A minimal Akka.NET actor that reports its start and then does nothing.</summary>
internal sealed class AkkaIdleActor(Countdown started) : UntypedActor
{
    protected override void PreStart() => started.Signal();

    protected override void OnReceive(object message) => Unhandled(message);
}
