using System.Collections.Frozen;
using System.Runtime.InteropServices;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// The host's ordered event log: every event in the order its owner applied it, with its persistence id and
/// per-stream sequence number. This is the seam a journal replaces: owners append only through
/// <see cref="Actors.HostPartActor"/>'s commit.
/// </summary>
public sealed class HostEventLog
{
    private readonly List<LoggedEvent> _entries = [];

    // Looked up by key only, never enumerated for output, so its hash order cannot reach it. An owner asks for its
    // stream's cell once and appends through it, so an event costs no lookup.
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    /// <summary>Whether entries are kept (a fleet run that persists elsewhere turns it off; sequence numbers still advance).</summary>
    public bool Keep { get; set; } = true;

    /// <summary>The entries in apply order.</summary>
    public IReadOnlyList<LoggedEvent> Entries => _entries;

    /// <summary>The events alone, in apply order (what <c>KernelHost.Journal</c> holds for the same run).</summary>
    public IReadOnlyList<KernelEvent> Events => _entries.ConvertAll(e => e.Event);

    // Where a restored log's streams stood (shared, read-only, by every host restored from one snapshot); _streams holds
    // only the streams written since, each starting from its number here.
    private FrozenDictionary<string, long> _restored = FrozenDictionary<string, long>.Empty;

    /// <summary>The highest sequence number of a stream, 0 if it has none.</summary>
    public long HighestSequenceNr(string persistenceId) =>
        _streams.TryGetValue(persistenceId, out var stream) ? stream.Highest : _restored.GetValueOrDefault(persistenceId);

    /// <summary>Every stream and its highest sequence number, for a snapshot (shared by the hosts restored from it).</summary>
    internal FrozenDictionary<string, long> Streams()
    {
        if (_streams.Count == 0)
        {
            return _restored;
        }

        var all = new Dictionary<string, long>(_restored, StringComparer.Ordinal);
        foreach (var (pid, stream) in _streams)
        {
            all[pid] = stream.Highest;
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Starts this (empty) log where another host's stood: its streams' sequence numbers, and its entries when kept.</summary>
    internal void Restore(IReadOnlyList<LoggedEvent> entries, FrozenDictionary<string, long> streams)
    {
        if (_entries.Count > 0 || _streams.Count > 0 || _restored.Count > 0)
        {
            throw new InvalidOperationException("only an empty event log can be restored");
        }

        if (Keep)
        {
            _entries.AddRange(entries);
        }

        _restored = streams;
    }

    /// <summary>The cell of <paramref name="persistenceId"/>'s stream (made on first use, continuing a restored stream's number); an owner keeps it.</summary>
    internal Stream StreamOf(string persistenceId)
    {
        ref var stream = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, persistenceId, out var exists);
        if (!exists)
        {
            stream = new Stream(persistenceId, _restored);
        }

        return stream!;
    }

    /// <summary>Numbers <paramref name="e"/> next in <paramref name="stream"/> (a cell of this log) and keeps it when entries are kept.</summary>
    internal void Append(Stream stream, KernelEvent e)
    {
        if (Keep)
        {
            _entries.Add(new LoggedEvent(stream.PersistenceId, stream.Next(), e));
        }
        else
        {
            stream.Skip();
        }
    }

    /// <summary>
    /// One stream of this log: its persistence id and highest sequence number. A block actor respawned for a re-added block
    /// gets the same cell, so its stream continues. Where a restored stream stood is looked up only when a number is read:
    /// a fleet host that keeps no entries appends to a thousand streams and never asks (the lookup hashed the id in a
    /// table of every stream of the snapshot).
    /// </summary>
    internal sealed class Stream(string persistenceId, FrozenDictionary<string, long> restored)
    {
        private FrozenDictionary<string, long>? _restored = restored.Count == 0 ? null : restored;
        private long _highest;

        public string PersistenceId { get; } = persistenceId;

        public long Highest
        {
            get
            {
                if (_restored is { } restored)
                {
                    _highest += restored.GetValueOrDefault(PersistenceId);
                    _restored = null;
                }

                return _highest;
            }
        }

        /// <summary>The next sequence number, taken.</summary>
        public long Next()
        {
            var nr = Highest + 1;
            _highest = nr;
            return nr;
        }

        /// <summary>Takes the next sequence number without reading it.</summary>
        public void Skip() => _highest++;
    }
}
