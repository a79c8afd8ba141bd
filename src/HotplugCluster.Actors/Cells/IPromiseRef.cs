namespace HotplugCluster.Actors.Cells;

/// <summary>An Ask's temporary reply target.</summary>
internal interface IPromiseRef
{
    /// <summary>Fails the Ask at once because its question reached a stopped actor (instead of waiting for the timeout).</summary>
    void FailRecipientStopped(IActorRef recipient);
}
