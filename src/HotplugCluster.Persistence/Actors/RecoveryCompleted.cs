namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered to <see cref="PersistentActor.ReceiveRecover"/> once the snapshot and every journaled event have been replayed.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    /// <summary>The only instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}
