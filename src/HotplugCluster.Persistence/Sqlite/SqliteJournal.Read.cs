using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

public sealed partial class SqliteJournal
{
    /// <summary>Replays live events in order; see <see cref="IAsyncWriteJournal.ReplayMessagesAsync"/>.</summary>
    public void ReplayMessages(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (max <= 0)
        {
            return;
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"SELECT {JournalSchema.ReplayColumns} FROM {JournalSchema.Journal} " +
                "WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0 ORDER BY sequence_nr LIMIT $max";
            command.Parameters.AddWithValue("$pid", persistenceId);
            command.Parameters.AddWithValue("$from", fromSequenceNr);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                recoveryCallback(ReadRepr(reader, persistenceId));
            }
        }
    }

    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ReplayMessages(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
        return Task.CompletedTask;
    }

    /// <summary>The highest sequence number the stream ever had, deleted events included; 0 when it has none.</summary>
    public long ReadHighestSequenceNr(string persistenceId, long fromSequenceNr = 0)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT COALESCE(MAX(sequence_nr), 0) FROM {JournalSchema.Journal} WHERE persistence_id = $pid";
            command.Parameters.AddWithValue("$pid", persistenceId);
            return Math.Max((long)command.ExecuteScalar()!, 0);
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadHighestSequenceNr(persistenceId, fromSequenceNr));

    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue) =>
        Query(
            $"SELECT {JournalSchema.ReplayColumns}, ordering, persistence_id FROM {JournalSchema.Journal} " +
            "WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0 ORDER BY sequence_nr",
            ("$pid", persistenceId), ("$from", fromSequenceNr), ("$to", toSequenceNr));

    public IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0) =>
        Query(
            $"SELECT j.sequence_nr, j.timestamp, j.manifest, j.payload, j.writer, j.ordering, j.persistence_id " +
            $"FROM {JournalSchema.Tags} t JOIN {JournalSchema.Journal} j ON j.ordering = t.ordering_id " +
            "WHERE t.tag = $tag AND t.ordering_id > $after AND j.deleted = 0 ORDER BY t.ordering_id",
            ("$tag", tag), ("$after", afterOrdering));

    public IReadOnlyList<string> CurrentPersistenceIds()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT DISTINCT persistence_id FROM {JournalSchema.Journal}";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }

    private List<EventEnvelope> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var result = new List<EventEnvelope>();
            while (reader.Read())
            {
                var repr = ReadRepr(reader, reader.GetString(6));
                result.Add(new EventEnvelope(reader.GetInt64(5), repr));
            }

            return result;
        }
    }

    // Columns in JournalSchema.ReplayColumns order: sequence_nr, timestamp, manifest, payload, writer.
    private static PersistentRepr ReadRepr(SqliteDataReader reader, string persistenceId) =>
        new(persistenceId, reader.GetInt64(0), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetInt64(1), reader.GetString(4));
}
