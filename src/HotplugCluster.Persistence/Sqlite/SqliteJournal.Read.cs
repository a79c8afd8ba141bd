using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

public sealed partial class SqliteJournal
{
    /// <summary>Replays live events in order; see <see cref="IAsyncWriteJournal.ReplayMessagesAsync"/>.</summary>
    public void ReplayMessages(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        lock (_gate)
        {
            ThrowIfDisposed();
            Scan(persistenceId, fromSequenceNr, toSequenceNr, max, (row, repr) => recoveryCallback(repr));
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
        ArgumentNullException.ThrowIfNull(persistenceId);
        lock (_gate)
        {
            ThrowIfDisposed();
            return ReadStream(persistenceId).Highest;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadHighestSequenceNr(persistenceId, fromSequenceNr));

    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        lock (_gate)
        {
            ThrowIfDisposed();
            var result = new List<EventEnvelope>();
            Scan(persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue, (row, repr) => result.Add(new EventEnvelope(row.Int64(5), repr)));
            return result;
        }
    }

    // Reads the stream's live events in [from, to] through one of the two prepared replay statements; the
    // callback gets the row (column 5 is the ordering) and the event. Caller holds _gate.
    private void Scan(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<NativeStatement, PersistentRepr> onEvent)
    {
        if (max <= 0)
        {
            return;
        }

        var stream = ReadStream(persistenceId);
        var from = Math.Max(fromSequenceNr, stream.DeletedTo + 1);
        var to = Math.Min(toSequenceNr, stream.Highest);
        if (from > to)
        {
            return;
        }

        // Probing costs one lookup per number in the range; a sparse range (gaps left by a writer that skipped
        // numbers) is scanned instead, which costs one step per event of any stream in that range.
        var statement = (ulong)(to - from) <= (ulong)(4 * stream.Count) + 1024 ? _replayDense : _replaySparse;
        statement.Bind(1, persistenceId);
        statement.Bind(2, from);
        statement.Bind(3, to);
        statement.Bind(4, max);
        try
        {
            var last = long.MinValue;
            while (statement.Step())
            {
                var repr = _reprReader.Read(statement, persistenceId);

                // The dense query has no ORDER BY (sorting would cost more than the probes); its plan yields the
                // counter's order, and this check turns a different plan into an error instead of a reordered replay.
                if (repr.SequenceNr <= last)
                {
                    throw JournalException.At(persistenceId, repr.SequenceNr, $"replay returned it after #{last}; the journal's query plan no longer yields sequence order.");
                }

                last = repr.SequenceNr;
                onEvent(statement, repr);
            }
        }
        catch (SqliteException ex)
        {
            statement.Reset();
            throw new JournalException($"{DataSource}: reading {persistenceId} failed: {ex.Message}", ex);
        }
        catch
        {
            statement.Reset();
            throw;
        }
    }

    private (long Highest, long DeletedTo, long Count) ReadStream(string persistenceId)
    {
        _stream.Bind(1, persistenceId);
        if (!_stream.Step())
        {
            return (0, 0, 0);
        }

        var stream = (_stream.Int64(0), _stream.Int64(1), _stream.Int64(2));
        _stream.Reset();
        return stream;
    }

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
            command.CommandText = $"SELECT persistence_id FROM {JournalSchema.Streams}";
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
