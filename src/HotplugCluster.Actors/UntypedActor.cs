namespace HotplugCluster.Actors;

/// <summary>The lightest actor: one <see cref="OnReceive"/> override and no handler table (24 bytes per instance).
/// Extension point for actors that exist by the million; call <see cref="ActorBase.Unhandled"/> for messages you do not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message.</summary>
    protected abstract void OnReceive(object message);

    /// <summary>The runtime's direct entry (no behaviour pushed with Become).</summary>
    internal void Receive(object message) => OnReceive(message);

    internal sealed override bool ReceiveCore(object message)
    {
        OnReceive(message);
        return true;
    }
}
