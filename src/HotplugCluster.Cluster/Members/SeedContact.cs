using Akka.Actor;
using Akka.Remote;

namespace HotplugCluster.Cluster.Members;

/// <summary>
/// Completes <c>answered</c> when this member's remoting has associated with one of the seed nodes: an Akka system there
/// answered the handshake, so joining is a matter of time even if a busy machine makes it slow.
/// </summary>
internal sealed class SeedContact : ReceiveActor
{
    public SeedContact(IReadOnlySet<Address> seeds, TaskCompletionSource answered)
    {
        Receive<AssociatedEvent>(e =>
        {
            if (seeds.Contains(e.RemoteAddress))
            {
                answered.TrySetResult();
                Context.Stop(Self);
            }
        });
    }

    public static Props Props(IReadOnlySet<Address> seeds, TaskCompletionSource answered) =>
        Akka.Actor.Props.Create(() => new SeedContact(seeds, answered));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
