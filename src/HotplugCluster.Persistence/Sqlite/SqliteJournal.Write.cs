using HotplugCluster.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HotplugCluster.Persistence.Sqlite;

public sealed partial class SqliteJournal
{
    /// <summary>Writes the batch in one transaction; see <see cref="IAsyncWriteJournal.WriteMessagesAsync"/>.</summary>
    public IReadOnlyList<Exception?> WriteMessages(IReadOnlyList<AtomicWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_readDepth > 0)
            {
                throw new InvalidOperationException($"{DataSource}: a write inside a read snapshot (end the ReadSnapshot scope first)");
            }

            var results = new Exception?[writes.Count];
            try
            {
                _begin.Execute();
                try
                {
                    _maxOrdering.Step();
                    _nextOrdering = _maxOrdering.Int64(0) + 1;
                    _maxOrdering.Reset();
                    _streamUpdates.Clear();
                    for (var i = 0; i < writes.Count; i++)
                    {
                        results[i] = WriteOne(writes[i]);
                    }

                    UpdateStreams();

                    _commit.Execute();
                }
                catch
                {
                    // Some errors (a full disk, an I/O error) end the transaction themselves; roll back only what is open.
                    if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                    {
                        _rollback.Execute();
                    }

                    throw;
                }
            }
            catch (SqliteException ex)
            {
                throw new JournalException($"{DataSource}: writing a batch of {writes.Count} writes failed: {ex.Message}", ex);
            }

            return results;
        }
    }

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        Task.FromResult(WriteMessages(writes));

    // Per-write rejection without savepoints: each event is inserted with ON CONFLICT DO NOTHING; a skipped row
    // means another writer holds that number, so the rows this write already added (a contiguous ordering range)
    // are deleted again and the rest of the batch goes on. The range's numbers stay unused: orderings may have gaps.
    private WriteRejectedException? WriteOne(AtomicWrite write)
    {
        var events = write.Events;
        long firstOrdering = 0;
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k];
            _insert.Bind(1, e.PersistenceId);
            _insert.Bind(2, e.SequenceNr);
            _insert.Bind(3, e.Timestamp);
            _insert.Bind(4, e.Manifest);
            _insert.Bind(5, e.Payload.Span);
            _insert.Bind(6, e.Writer);
            var ordering = _nextOrdering++;
            _insert.Bind(7, ordering);
            _insert.Execute();
            if (_insert.Changes == 0)
            {
                if (k > 0)
                {
                    Undo(firstOrdering, ordering - 1);
                }

                return WriteRejectedException.SequenceTaken(write);
            }

            if (k == 0)
            {
                firstOrdering = ordering;
            }

            for (var t = 0; t < e.Tags.Count; t++)
            {
                _insertTag.Bind(1, ordering);
                _insertTag.Bind(2, e.Tags[t]);
                _insertTag.Bind(3, e.PersistenceId);
                _insertTag.Bind(4, e.SequenceNr);
                _insertTag.Execute();
            }
        }

        _streamUpdates.Add((write.PersistenceId, write.HighestSequenceNr, events.Count));
        return null;
    }

    private void UpdateStreams()
    {
        var next = 0;
        while (next < _streamUpdates.Count)
        {
            var statement = _streamUpdates.Count - next >= StreamRowsPerUpsert ? _upsertStreams : _upsertStream;
            var rows = statement == _upsertStreams ? StreamRowsPerUpsert : 1;
            for (var r = 0; r < rows; r++)
            {
                var (persistenceId, highest, count) = _streamUpdates[next++];
                statement.Bind((3 * r) + 1, persistenceId);
                statement.Bind((3 * r) + 2, highest);
                statement.Bind((3 * r) + 3, count);
            }

            statement.Execute();
        }
    }

    private void Undo(long fromOrdering, long toOrdering)
    {
        _undoTags.Bind(1, fromOrdering);
        _undoTags.Bind(2, toOrdering);
        _undoTags.Execute();
        _undoEvents.Bind(1, fromOrdering);
        _undoEvents.Bind(2, toOrdering);
        _undoEvents.Execute();
    }

    /// <summary>Deletes up to <paramref name="toSequenceNr"/>; the highest row stays, marked deleted, so the sequence never restarts.</summary>
    public void DeleteMessagesTo(string persistenceId, long toSequenceNr)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"DELETE FROM {JournalSchema.Tags} WHERE persistence_id = $pid AND sequence_nr <= $to; " +
                $"UPDATE {JournalSchema.Journal} SET deleted = 1 WHERE {_layout.DeletedRange} AND persistence_id = $pid AND deleted = 0; " +
                $"DELETE FROM {JournalSchema.Journal} WHERE {_layout.DeletedRange} AND persistence_id = $pid AND sequence_nr < " +
                $"(SELECT highest_sequence_nr FROM {JournalSchema.Streams} WHERE persistence_id = $pid); " +
                $"UPDATE {JournalSchema.Streams} SET deleted_to = max(deleted_to, min($to, highest_sequence_nr)), " +
                $"event_count = (SELECT COUNT(*) FROM {JournalSchema.Journal} WHERE sequence_nr > $to AND persistence_id = $pid AND deleted = 0) " +
                "WHERE persistence_id = $pid";
            command.Parameters.AddWithValue("$pid", persistenceId);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        DeleteMessagesTo(persistenceId, toSequenceNr);
        return Task.CompletedTask;
    }
}
