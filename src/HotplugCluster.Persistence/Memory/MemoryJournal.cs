using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Memory;

/// <summary>
/// A journal in memory with the semantics of the SQL journals (per-write rejection, logical deletes that keep the
/// highest sequence number, tags in journal order, snapshots). <c>replay --verify</c> re-executes a run into one to
/// compare it with the stored journal; tests and journal-less runs use it too. Thread-safe; completes synchronously.
/// </summary>
public sealed class MemoryJournal : IJournalStore
{
    private readonly Lock _lock = new();
    private readonly List<(long Ordering, PersistentRepr Event)> _log = [];
    private readonly SortedDictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SelectedSnapshot>> _snapshots = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string DataSource => "memory";

    /// <summary>Every live event in journal order.</summary>
    public IReadOnlyList<EventEnvelope> AllEvents()
    {
        lock (_lock)
        {
            return [.. _log.Where(e => IsLive(e.Event)).Select(e => new EventEnvelope(e.Ordering, e.Event))];
        }
    }

    /// <inheritdoc/>
    /// <remarks>In memory, the scope holds the journal's lock: writers on other threads wait until it ends.</remarks>
    public IDisposable ReadSnapshot()
    {
        _lock.Enter();
        return new Scope(_lock);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        lock (_lock)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var stream = StreamOf(write.PersistenceId);
                if (write.Events.Any(e => stream.Events.ContainsKey(e.SequenceNr)))
                {
                    results[i] = WriteRejectedException.SequenceTaken(write);
                    continue;
                }

                foreach (var e in write.Events)
                {
                    stream.Events.Add(e.SequenceNr, e);
                    stream.Highest = Math.Max(stream.Highest, e.SequenceNr);
                    _log.Add((_log.Count + 1, e));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    /// <inheritdoc/>
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        PersistentRepr[] events;
        lock (_lock)
        {
            events = _streams.TryGetValue(persistenceId, out var stream)
                ? [.. stream.Events.Values.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr && e.SequenceNr > stream.DeletedTo)
                    .Take((int)Math.Min(max, int.MaxValue))]
                : [];
        }

        foreach (var e in events)
        {
            recoveryCallback(e);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_streams.TryGetValue(persistenceId, out var stream) ? stream.Highest : 0);
        }
    }

    /// <inheritdoc/>
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stream = StreamOf(persistenceId);
            stream.DeletedTo = Math.Max(stream.DeletedTo, Math.Min(toSequenceNr, stream.Highest));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue)
    {
        lock (_lock)
        {
            return [.. _log.Where(e => e.Event.PersistenceId == persistenceId && e.Event.SequenceNr >= fromSequenceNr && e.Event.SequenceNr <= toSequenceNr && IsLive(e.Event))
                .OrderBy(e => e.Event.SequenceNr)
                .Select(e => new EventEnvelope(e.Ordering, e.Event))];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0)
    {
        lock (_lock)
        {
            return [.. _log.Where(e => e.Ordering > afterOrdering && e.Event.Tags.Contains(tag) && IsLive(e.Event)).Select(e => new EventEnvelope(e.Ordering, e.Event))];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceIdPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_lock)
        {
            return [.. _log.Where(e => e.Event.PersistenceId.StartsWith(prefix, StringComparison.Ordinal) && IsLive(e.Event)).Select(e => new EventEnvelope(e.Ordering, e.Event))];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> CurrentPersistenceIds()
    {
        lock (_lock)
        {
            return [.. _streams.Where(s => s.Value.Events.Count > 0).Select(s => s.Key)];
        }
    }

    /// <inheritdoc/>
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_lock)
        {
            var found = _snapshots.TryGetValue(persistenceId, out var list)
                ? list.Where(s => criteria.Matches(s.Metadata)).OrderByDescending(s => s.Metadata.SequenceNr).FirstOrDefault()
                : null;
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_lock)
        {
            if (!_snapshots.TryGetValue(metadata.PersistenceId, out var list))
            {
                _snapshots[metadata.PersistenceId] = list = [];
            }

            list.RemoveAll(s => s.Metadata.SequenceNr == metadata.SequenceNr);
            list.Add(new SelectedSnapshot(metadata, manifest, payload.ToArray()));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_lock)
        {
            if (_snapshots.TryGetValue(persistenceId, out var list))
            {
                list.RemoveAll(s => criteria.Matches(s.Metadata));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Replaces a stored event in place (tests corrupt payloads with it).</summary>
    internal void Replace(string persistenceId, long sequenceNr, Func<PersistentRepr, PersistentRepr> change)
    {
        lock (_lock)
        {
            var stream = _streams[persistenceId];
            var changed = change(stream.Events[sequenceNr]);
            stream.Events[sequenceNr] = changed;
            var at = _log.FindIndex(e => e.Event.PersistenceId == persistenceId && e.Event.SequenceNr == sequenceNr);
            _log[at] = (_log[at].Ordering, changed);
        }
    }

    /// <summary>Nothing to release: the events live as long as the object.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private bool IsLive(PersistentRepr e) => e.SequenceNr > _streams[e.PersistenceId].DeletedTo;

    private Stream StreamOf(string persistenceId)
    {
        if (!_streams.TryGetValue(persistenceId, out var stream))
        {
            _streams[persistenceId] = stream = new Stream();
        }

        return stream;
    }

    private sealed class Scope(Lock held) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (!_ended)
            {
                _ended = true;
                held.Exit();
            }
        }
    }

    private sealed class Stream
    {
        public SortedDictionary<long, PersistentRepr> Events { get; } = [];

        public long Highest { get; set; }

        public long DeletedTo { get; set; }
    }
}
