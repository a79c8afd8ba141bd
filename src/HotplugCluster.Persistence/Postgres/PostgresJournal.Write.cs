using HotplugCluster.Persistence.Journal;
using Npgsql;
using NpgsqlTypes;

namespace HotplugCluster.Persistence.Postgres;

public sealed partial class PostgresJournal
{
    /// <summary>Writes the batch in one transaction; see <see cref="IAsyncWriteJournal.WriteMessagesAsync"/>.</summary>
    public IReadOnlyList<Exception?> WriteMessages(IReadOnlyList<AtomicWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                using var transaction = _connection.BeginTransaction();
                Stage(writes);
                var inserted = InsertStaged(transaction);
                var results = new Exception?[writes.Count];
                var rejectedOrderings = new List<long>();
                var tags = new TagRows();
                for (var i = 0; i < writes.Count; i++)
                {
                    var write = writes[i];
                    var orderings = write.Events.Select(e => inserted.TryGetValue((e.PersistenceId, e.SequenceNr), out var o) ? o : -1).ToArray();
                    if (orderings.Contains(-1))
                    {
                        results[i] = WriteRejectedException.SequenceTaken(write);
                        rejectedOrderings.AddRange(orderings.Where(o => o >= 0));
                        continue;
                    }

                    for (var k = 0; k < orderings.Length; k++)
                    {
                        tags.Add(orderings[k], write.Events[k]);
                    }
                }

                if (rejectedOrderings.Count > 0)
                {
                    using var undo = Command($"DELETE FROM {JournalSchema.Journal} WHERE ordering = ANY(@o)", transaction);
                    undo.Parameters.AddWithValue("o", rejectedOrderings.ToArray());
                    undo.ExecuteNonQuery();
                }

                tags.Insert(this, transaction);
                transaction.Commit();
                return results;
            }
            catch (NpgsqlException ex)
            {
                throw Failure($"writing a batch of {writes.Count} writes", ex);
            }
        }
    }

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        Task.FromResult(WriteMessages(writes));

    private void Stage(IReadOnlyList<AtomicWrite> writes)
    {
        using var copy = _connection.BeginBinaryImport(
            "COPY journal_stage (idx, persistence_id, sequence_nr, timestamp, manifest, payload, writer) FROM STDIN (FORMAT BINARY)");
        var idx = 0;
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                copy.StartRow();
                copy.Write(idx++, NpgsqlDbType.Integer);
                copy.Write(e.PersistenceId, NpgsqlDbType.Text);
                copy.Write(e.SequenceNr, NpgsqlDbType.Bigint);
                copy.Write(e.Timestamp, NpgsqlDbType.Bigint);
                copy.Write(e.Manifest, NpgsqlDbType.Text);
                copy.Write(e.Payload, NpgsqlDbType.Bytea);
                copy.Write(e.Writer, NpgsqlDbType.Text);
            }
        }

        copy.Complete();
    }

    private Dictionary<(string, long), long> InsertStaged(NpgsqlTransaction transaction)
    {
        using var insert = Command(
            $"INSERT INTO {JournalSchema.Journal} (persistence_id, sequence_nr, timestamp, manifest, payload, writer) " +
            "SELECT persistence_id, sequence_nr, timestamp, manifest, payload, writer FROM journal_stage ORDER BY idx " +
            "ON CONFLICT DO NOTHING RETURNING persistence_id, sequence_nr, ordering",
            transaction);
        using var reader = insert.ExecuteReader();
        var inserted = new Dictionary<(string, long), long>();
        while (reader.Read())
        {
            inserted[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt64(2);
        }

        return inserted;
    }

    /// <summary>Deletes up to <paramref name="toSequenceNr"/>; the highest row stays, marked deleted, so the sequence never restarts.</summary>
    public void DeleteMessagesTo(string persistenceId, long toSequenceNr)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                DeleteTo(persistenceId, toSequenceNr);
            }
            catch (NpgsqlException ex)
            {
                throw Failure($"deleting {persistenceId} up to #{toSequenceNr}", ex);
            }
        }
    }

    private void DeleteTo(string persistenceId, long toSequenceNr)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = Command(
            $"DELETE FROM {JournalSchema.Tags} WHERE persistence_id = @pid AND sequence_nr <= @to; " +
            $"UPDATE {JournalSchema.Journal} SET deleted = TRUE WHERE persistence_id = @pid AND sequence_nr <= @to; " +
            $"DELETE FROM {JournalSchema.Journal} WHERE persistence_id = @pid AND sequence_nr <= @to AND sequence_nr < " +
            $"(SELECT MAX(sequence_nr) FROM {JournalSchema.Journal} WHERE persistence_id = @pid)",
            transaction);
        command.Parameters.AddWithValue("pid", persistenceId);
        command.Parameters.AddWithValue("to", toSequenceNr);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        DeleteMessagesTo(persistenceId, toSequenceNr);
        return Task.CompletedTask;
    }

    /// <summary>Tag rows of the accepted events, inserted with one statement over arrays.</summary>
    private sealed class TagRows
    {
        private readonly List<long> _orderings = [];
        private readonly List<string> _tags = [];
        private readonly List<string> _ids = [];
        private readonly List<long> _seqs = [];

        public void Add(long ordering, PersistentRepr e)
        {
            foreach (var tag in e.Tags)
            {
                _orderings.Add(ordering);
                _tags.Add(tag);
                _ids.Add(e.PersistenceId);
                _seqs.Add(e.SequenceNr);
            }
        }

        public void Insert(PostgresJournal journal, NpgsqlTransaction transaction)
        {
            if (_orderings.Count == 0)
            {
                return;
            }

            using var command = journal.Command(
                $"INSERT INTO {JournalSchema.Tags} (ordering_id, tag, persistence_id, sequence_nr) SELECT * FROM unnest(@o, @t, @p, @s)",
                transaction);
            command.Parameters.AddWithValue("o", _orderings.ToArray());
            command.Parameters.AddWithValue("t", _tags.ToArray());
            command.Parameters.AddWithValue("p", _ids.ToArray());
            command.Parameters.AddWithValue("s", _seqs.ToArray());
            command.ExecuteNonQuery();
        }
    }
}
