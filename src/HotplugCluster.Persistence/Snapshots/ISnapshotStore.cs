namespace HotplugCluster.Persistence.Snapshots;

/// <summary>The snapshot-store plug-in SPI, after Akka.Persistence's <c>SnapshotStore</c>.</summary>
public interface ISnapshotStore
{
    /// <summary>The youngest snapshot of the stream matching <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot, replacing one with the same persistence id and sequence number.</summary>
    Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stream's snapshots matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
