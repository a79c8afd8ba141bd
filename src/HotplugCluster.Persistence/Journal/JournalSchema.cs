namespace HotplugCluster.Persistence.Journal;

/// <summary>
/// Table and column names, after Akka.Persistence.Sql: <c>event_journal</c> (ordering, persistence_id,
/// sequence_nr, timestamp, manifest, payload, writer, deleted), unique on (persistence_id, sequence_nr);
/// tags in <c>event_tag</c>; snapshots in <c>snapshot</c>.
/// </summary>
internal static class JournalSchema
{
    public const string Journal = "event_journal";
    public const string Tags = "event_tag";

    /// <summary>SQLite only: one row per stream (highest sequence number, deleted prefix, live event count).</summary>
    public const string Streams = "event_stream";
    public const string Snapshots = "snapshot";

    public const string ReplayColumns = "sequence_nr, timestamp, manifest, payload, writer";
}
