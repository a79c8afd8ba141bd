using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;
using Npgsql;

namespace HotplugCluster.Persistence.Postgres;

public sealed partial class PostgresJournal
{
    private const string SnapshotBounds =
        "persistence_id = @pid AND sequence_nr <= @maxSeq AND timestamp <= @maxTs AND sequence_nr >= @minSeq AND timestamp >= @minTs";

    /// <summary>Replays live events in order; see <see cref="IAsyncWriteJournal.ReplayMessagesAsync"/>.</summary>
    public void ReplayMessages(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (max <= 0)
        {
            return;
        }

        foreach (var envelope in Query(
            $"SELECT {JournalSchema.ReplayColumns}, ordering, persistence_id FROM {JournalSchema.Journal} " +
            "WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND NOT deleted ORDER BY sequence_nr LIMIT @max",
            ("pid", persistenceId), ("from", fromSequenceNr), ("to", toSequenceNr), ("max", max)))
        {
            recoveryCallback(envelope.Event);
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
            using var command = Command($"SELECT COALESCE(MAX(sequence_nr), 0) FROM {JournalSchema.Journal} WHERE persistence_id = @pid");
            command.Parameters.AddWithValue("pid", persistenceId);
            try
            {
                return (long)command.ExecuteScalar()!;
            }
            catch (NpgsqlException ex)
            {
                throw Failure($"reading the highest sequence number of {persistenceId}", ex);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>A read-only REPEATABLE READ transaction: every query in it sees the snapshot its first query took.</remarks>
    public IDisposable ReadSnapshot()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_snapshotDepth == 0)
            {
                try
                {
                    _snapshot = _connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
                    Execute(_connection, _snapshot, "SET TRANSACTION READ ONLY");
                }
                catch (NpgsqlException ex)
                {
                    _snapshot?.Dispose();
                    _snapshot = null;
                    throw Failure("starting a read", ex);
                }
            }

            _snapshotDepth++;
            return new ReadSnapshotScope(_gate, () =>
            {
                if (!_disposed)
                {
                    EndSnapshot();
                }
            });
        }
    }

    private void EndSnapshot()
    {
        _snapshotDepth--;
        if (_snapshotDepth == 0 && _snapshot is { } transaction)
        {
            _snapshot = null;
            try
            {
                transaction.Rollback();
            }
            catch (NpgsqlException)
            {
                // A read-only transaction has nothing to keep; a lost connection is reported by the read that meets it.
            }

            transaction.Dispose();
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadHighestSequenceNr(persistenceId, fromSequenceNr));

    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue) =>
        Query(
            $"SELECT {JournalSchema.ReplayColumns}, ordering, persistence_id FROM {JournalSchema.Journal} " +
            "WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND NOT deleted ORDER BY sequence_nr",
            ("pid", persistenceId), ("from", fromSequenceNr), ("to", toSequenceNr));

    public IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0) =>
        Query(
            "SELECT j.sequence_nr, j.timestamp, j.manifest, j.payload, j.writer, j.ordering, j.persistence_id " +
            $"FROM {JournalSchema.Tags} t JOIN {JournalSchema.Journal} j ON j.ordering = t.ordering_id " +
            "WHERE t.tag = @tag AND t.ordering_id > @after AND NOT j.deleted ORDER BY t.ordering_id",
            ("tag", tag), ("after", afterOrdering));

    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceIdPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        // starts_with compares code points, whatever the database's collation; the ordering index gives the order.
        return Query(
            $"SELECT {JournalSchema.ReplayColumns}, ordering, persistence_id FROM {JournalSchema.Journal} " +
            "WHERE starts_with(persistence_id, @prefix) AND NOT deleted ORDER BY ordering",
            ("prefix", prefix));
    }

    public IReadOnlyList<string> CurrentPersistenceIds()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command($"SELECT DISTINCT persistence_id FROM {JournalSchema.Journal}");
            var ids = new List<string>();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }
            catch (NpgsqlException ex)
            {
                throw Failure("listing the persistence ids", ex);
            }

            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command(
                $"SELECT sequence_nr, timestamp, manifest, payload FROM {JournalSchema.Snapshots} WHERE {SnapshotBounds} ORDER BY sequence_nr DESC LIMIT 1");
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
            using var command = Command(
                $"INSERT INTO {JournalSchema.Snapshots} (persistence_id, sequence_nr, timestamp, manifest, payload) VALUES (@pid, @seq, @ts, @manifest, @payload) " +
                "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET timestamp = EXCLUDED.timestamp, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload");
            command.Parameters.AddWithValue("pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("seq", metadata.SequenceNr);
            command.Parameters.AddWithValue("ts", metadata.Timestamp);
            command.Parameters.AddWithValue("manifest", manifest);
            command.Parameters.AddWithValue("payload", payload.ToArray());
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command($"DELETE FROM {JournalSchema.Snapshots} WHERE {SnapshotBounds}");
            Bind(command, persistenceId, criteria);
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }
    }

    private static void Bind(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        command.Parameters.AddWithValue("pid", persistenceId);
        command.Parameters.AddWithValue("maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("maxTs", criteria.MaxTimestamp);
        command.Parameters.AddWithValue("minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("minTs", criteria.MinTimestamp);
    }

    private List<EventEnvelope> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = Command(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var result = new List<EventEnvelope>();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var repr = new PersistentRepr(reader.GetString(6), reader.GetInt64(0), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetInt64(1), reader.GetString(4));
                    result.Add(new EventEnvelope(reader.GetInt64(5), repr));
                }
            }
            catch (NpgsqlException ex)
            {
                throw Failure("reading events", ex);
            }

            return result;
        }
    }
}
