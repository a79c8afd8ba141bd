using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>What a persistent actor recovers from: a snapshot matching <paramref name="FromSnapshot"/>, then events up to <paramref name="ToSequenceNr"/>.</summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue)
{
    /// <summary>The latest snapshot, then every later event (Akka's default).</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No snapshot and no events: the actor starts empty, after the highest sequence number already written.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0);
}
