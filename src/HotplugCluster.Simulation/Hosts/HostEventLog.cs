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

    // Looked up by key only, never enumerated, so its hash order cannot reach output.
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);

    /// <summary>Whether entries are kept (a fleet run that persists elsewhere turns it off; sequence numbers still advance).</summary>
    public bool Keep { get; set; } = true;

    /// <summary>The entries in apply order.</summary>
    public IReadOnlyList<LoggedEvent> Entries => _entries;

    /// <summary>The events alone, in apply order (what <c>KernelHost.Journal</c> holds for the same run).</summary>
    public IReadOnlyList<KernelEvent> Events => _entries.ConvertAll(e => e.Event);

    // Where a restored log's streams stood (shared, read-only, by every host restored from one snapshot); _highest holds
    // only the streams written since, each starting from its number here.
    private FrozenDictionary<string, long> _restored = FrozenDictionary<string, long>.Empty;

    /// <summary>The highest sequence number of a stream, 0 if it has none.</summary>
    public long HighestSequenceNr(string persistenceId) =>
        _highest.TryGetValue(persistenceId, out var nr) ? nr : _restored.GetValueOrDefault(persistenceId);

    /// <summary>Every stream and its highest sequence number, for a snapshot (shared by the hosts restored from it).</summary>
    internal FrozenDictionary<string, long> Streams()
    {
        if (_highest.Count == 0)
        {
            return _restored;
        }

        var all = new Dictionary<string, long>(_restored, StringComparer.Ordinal);
        foreach (var (pid, nr) in _highest)
        {
            all[pid] = nr;
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Starts this (empty) log where another host's stood: its streams' sequence numbers, and its entries when kept.</summary>
    internal void Restore(IReadOnlyList<LoggedEvent> entries, FrozenDictionary<string, long> streams)
    {
        if (_entries.Count > 0 || _highest.Count > 0 || _restored.Count > 0)
        {
            throw new InvalidOperationException("only an empty event log can be restored");
        }

        if (Keep)
        {
            _entries.AddRange(entries);
        }

        _restored = streams;
    }

    internal void Append(string persistenceId, KernelEvent e)
    {
        ref var highest = ref CollectionsMarshal.GetValueRefOrAddDefault(_highest, persistenceId, out var exists);
        if (!exists && _restored.Count > 0)
        {
            highest = _restored.GetValueOrDefault(persistenceId);
        }

        var nr = ++highest;
        if (Keep)
        {
            _entries.Add(new LoggedEvent(persistenceId, nr, e));
        }
    }
}
