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

    /// <summary>The highest sequence number of a stream, 0 if it has none.</summary>
    public long HighestSequenceNr(string persistenceId) => _highest.GetValueOrDefault(persistenceId);

    /// <summary>Every stream and its highest sequence number (a snapshot's copy; key order is not meaningful).</summary>
    internal KeyValuePair<string, long>[] Streams() => [.. _highest];

    /// <summary>Starts this (empty) log where another host's stood: its streams' sequence numbers, and its entries when kept.</summary>
    internal void Restore(IReadOnlyList<LoggedEvent> entries, KeyValuePair<string, long>[] streams)
    {
        if (_entries.Count > 0 || _highest.Count > 0)
        {
            throw new InvalidOperationException("only an empty event log can be restored");
        }

        if (Keep)
        {
            _entries.AddRange(entries);
        }

        _highest.EnsureCapacity(streams.Length);
        foreach (var (pid, nr) in streams)
        {
            _highest.Add(pid, nr);
        }
    }

    internal void Append(string persistenceId, KernelEvent e)
    {
        ref var highest = ref CollectionsMarshal.GetValueRefOrAddDefault(_highest, persistenceId, out _);
        var nr = ++highest;
        if (Keep)
        {
            _entries.Add(new LoggedEvent(persistenceId, nr, e));
        }
    }
}
