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
