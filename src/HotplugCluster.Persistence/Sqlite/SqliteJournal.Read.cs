using System.Text;
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

    /// <inheritdoc/>
    public IDisposable ReadSnapshot()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            BeginRead();
            return new ReadSnapshotScope(_gate, () =>
            {
                if (!_disposed)
                {
                    EndRead();
                }
            });
        }
    }

    // A deferred transaction: its snapshot is taken at the first read and held until the outermost scope ends, so
    // queries in one scope agree whatever other processes commit meanwhile (WAL readers never block writers).
    private void BeginRead()
    {
        if (_readDepth == 0)
        {
            _beginRead.Execute();
        }

        _readDepth++;
    }

    private void EndRead()
    {
        _readDepth--;
        if (_readDepth == 0 && SQLitePCL.raw.sqlite3_get_autocommit(_reader.Handle) == 0)
        {
            _endRead.Execute();
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

        BeginRead();
        try
        {
            ScanStream(persistenceId, fromSequenceNr, toSequenceNr, max, onEvent);
        }
        finally
        {
            EndRead();
        }
    }

    private void ScanStream(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<NativeStatement, PersistentRepr> onEvent)
    {
        var stream = ReadStream(persistenceId);
        var from = Math.Max(fromSequenceNr, stream.DeletedTo + 1);
        var to = Math.Min(toSequenceNr, stream.Highest);
        if (from > to)
        {
            return;
        }

        // Probing costs one lookup per block (per number in layout 2) of the range; a sparse range (gaps left by a writer that skipped
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

    public IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0)
    {
        ArgumentNullException.ThrowIfNull(tag);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var statement = new NativeStatement(_reader.Handle,
                $"SELECT {LayoutSql.Columns}, j.persistence_id " +
                $"FROM {JournalSchema.Tags} t JOIN {JournalSchema.Journal} j ON j.ordering = t.ordering_id " +
                "WHERE t.tag = ?1 AND t.ordering_id > ?2 AND j.deleted = 0 ORDER BY t.ordering_id");
            statement.Bind(1, tag);
            statement.Bind(2, afterOrdering);
            var result = new List<EventEnvelope>();
            try
            {
                while (statement.Step())
                {
                    result.Add(new EventEnvelope(statement.Int64(5), _reprReader.Read(statement, _ids.Get(statement, 6, out _))));
                }
            }
            catch (SqliteException ex)
            {
                throw new JournalException($"{DataSource}: reading the events tagged '{tag}' failed: {ex.Message}", ex);
            }

            return result;
        }
    }

    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceIdPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            ThrowIfDisposed();

            // The stream table's counts and the rows must come from one snapshot: a run writing in another process
            // between the two statements would otherwise look like damage.
            BeginRead();
            try
            {
                return ReadPrefix(prefix);
            }
            finally
            {
                EndRead();
            }
        }
    }

    // Caller holds _gate inside a read transaction.
    private StoredRows ReadPrefix(string prefix)
    {
        var (low, high) = PrefixBounds(prefix);
        BindBounds(_prefixStreams, low, high);
        if (!_prefixStreams.Step())
        {
            return new StoredRows.Builder(0).Build();
        }

        var (from, to, count) = (_prefixStreams.Int64(0), _prefixStreams.Int64(1), _prefixStreams.Int64(2));
        _prefixStreams.Reset();
        if (count == 0 || from > to)
        {
            return new StoredRows.Builder(0).Build();
        }

        // Seeking costs one lookup per block (per sequence number in layout 2); when the numbers are sparse compared with the events
        // (streams that deleted most of what they wrote), scan the range instead.
        var statement = (ulong)(to - from) <= (ulong)(4 * count) + 1024 ? _prefixDense : _prefixSparse;
        BindBounds(statement, low, high);
        statement.Bind(3, from);
        statement.Bind(4, to);
        var rows = new StoredRows.Builder((int)Math.Min(count, 1 << 20));
        try
        {
            while (statement.Step())
            {
                var id = _ids.Get(statement, 6, out var idSlot);
                if (!id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (rows.Count == count)
                {
                    // The stream table's count is kept with every write; more live rows than it says is damage.
                    throw new JournalException($"{DataSource}: streams under '{prefix}' hold more live events than the stream table counts ({count}).");
                }

                _reprReader.ReadInto(rows, statement, id, idSlot, statement.Int64(5));
            }
        }
        catch (SqliteException ex)
        {
            statement.Reset();
            throw new JournalException($"{DataSource}: reading the streams under '{prefix}' failed: {ex.Message}", ex);
        }
        catch
        {
            statement.Reset();
            throw;
        }

        // Rows come in key order (block, id, number; layout 2: number, id); journal order is the ordering column.
        return rows.Build();
    }

    // The ids starting with the prefix are exactly those in [prefix, the prefix with its last character raised by
    // one) when that character is below the surrogates (SQLite compares UTF-8 bytes, which is code point order);
    // otherwise the bound is raised at an earlier character and the caller filters on StartsWith. With no character
    // to raise (an empty prefix) there is no upper bound: null, bound as a blob, which SQLite orders after all text.
    private static (string Low, string? High) PrefixBounds(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xD7FF)
            {
                return (prefix, string.Concat(prefix.AsSpan(0, i), ((char)(prefix[i] + 1)).ToString()));
            }
        }

        return (prefix, null);
    }

    private static void BindBounds(NativeStatement statement, string low, string? high)
    {
        statement.Bind(1, low);
        if (high is null)
        {
            statement.Bind(2, [0xFF]);
        }
        else
        {
            statement.Bind(2, high);
        }
    }

    public IReadOnlyList<string> CurrentPersistenceIds()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var statement = new NativeStatement(_reader.Handle, $"SELECT persistence_id FROM {JournalSchema.Streams}");
            var ids = new List<string>();
            while (statement.Step())
            {
                ids.Add(Encoding.UTF8.GetString(statement.Bytes(0)));
            }

            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }
}
