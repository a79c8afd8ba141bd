using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Sqlite;

public sealed partial class SqliteJournal
{
    private const string SnapshotBounds =
        "persistence_id = $pid AND sequence_nr <= $maxSeq AND timestamp <= $maxTs AND sequence_nr >= $minSeq AND timestamp >= $minTs";

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"SELECT sequence_nr, timestamp, manifest, payload FROM {JournalSchema.Snapshots} WHERE {SnapshotBounds} ORDER BY sequence_nr DESC LIMIT 1";
            Bind(command, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            SelectedSnapshot? found = reader.Read()
                ? new SelectedSnapshot(new SnapshotMetadata(persistenceId, reader.GetInt64(0), reader.GetInt64(1)), reader.GetString(2), reader.GetFieldValue<byte[]>(3))
                : null;
            return Task.FromResult(found);
        }
    }

    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"INSERT OR REPLACE INTO {JournalSchema.Snapshots} (persistence_id, sequence_nr, timestamp, manifest, payload) VALUES ($pid, $seq, $ts, $manifest, $payload)";
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
            command.Parameters.AddWithValue("$ts", metadata.Timestamp);
            command.Parameters.AddWithValue("$manifest", manifest);
            command.Parameters.AddWithValue("$payload", AsArray(payload));
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = $"DELETE FROM {JournalSchema.Snapshots} WHERE {SnapshotBounds}";
            Bind(command, persistenceId, criteria);
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }
    }

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestamp);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestamp);
    }
}
