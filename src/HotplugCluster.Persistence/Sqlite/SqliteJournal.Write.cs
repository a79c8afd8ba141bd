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
            var results = new Exception?[writes.Count];
            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var command in new[] { _insert, _lastRowId, _insertTag, _undo })
                {
                    command.Transaction = transaction;
                }

                for (var i = 0; i < writes.Count; i++)
                {
                    results[i] = WriteOne(writes[i]);
                }

                transaction.Commit();
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

    private WriteRejectedException? WriteOne(AtomicWrite write)
    {
        var p = _insert.Parameters;
        for (var k = 0; k < write.Events.Count; k++)
        {
            var e = write.Events[k];
            p[0].Value = e.PersistenceId;
            p[1].Value = e.SequenceNr;
            p[2].Value = e.Timestamp;
            p[3].Value = e.Manifest;
            p[4].Value = AsArray(e.Payload);
            p[5].Value = e.Writer;
            if (_insert.ExecuteNonQuery() == 0)
            {
                // Another writer holds this sequence number: take back what this write added, keep the rest of the batch.
                if (k > 0)
                {
                    _undo.Parameters[0].Value = write.PersistenceId;
                    _undo.Parameters[1].Value = write.LowestSequenceNr;
                    _undo.Parameters[2].Value = e.SequenceNr - 1;
                    _undo.ExecuteNonQuery();
                }

                return WriteRejectedException.SequenceTaken(write);
            }

            if (e.Tags.Count > 0)
            {
                var ordering = (long)_lastRowId.ExecuteScalar()!;
                foreach (var tag in e.Tags)
                {
                    _insertTag.Parameters[0].Value = ordering;
                    _insertTag.Parameters[1].Value = tag;
                    _insertTag.Parameters[2].Value = e.PersistenceId;
                    _insertTag.Parameters[3].Value = e.SequenceNr;
                    _insertTag.ExecuteNonQuery();
                }
            }
        }

        return null;
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
                $"UPDATE {JournalSchema.Journal} SET deleted = 1 WHERE persistence_id = $pid AND sequence_nr <= $to; " +
                $"DELETE FROM {JournalSchema.Journal} WHERE persistence_id = $pid AND sequence_nr <= $to AND sequence_nr < " +
                $"(SELECT MAX(sequence_nr) FROM {JournalSchema.Journal} WHERE persistence_id = $pid)";
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
