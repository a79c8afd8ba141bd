namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// What a submission cost on the wire: slice protocol messages between the submitter and the members and their
/// serialized bytes (cluster gossip and heartbeats are per member and second, not per host, and are not counted), and
/// how many slices and worker members there were, and the time from the first slice offered to the last result.
/// </summary>
public sealed record SubmitStats(long Messages, long Bytes, int Slices, int Members, TimeSpan Elapsed);
