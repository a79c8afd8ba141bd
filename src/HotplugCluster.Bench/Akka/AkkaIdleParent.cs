using Akka.Actor;

namespace HotplugCluster.Bench.Akka;

/// <summary>Creates the requested number of <see cref="AkkaIdleActor"/> children when told a count.</summary>
internal sealed class AkkaIdleParent(Countdown started) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        var props = Props.Create(() => new AkkaIdleActor(started));
        for (var i = 0; i < (int)message; i++)
        {
            Context.ActorOf(props);
        }
    }
}
