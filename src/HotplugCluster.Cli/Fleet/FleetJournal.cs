using System.Text;
using System.Text.Json;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Cli.Fleet;

/// <summary>
/// journal.jsonl in the output directory: one summary event per host (default), or with <c>--journal full</c> every kernel
/// event of every host (persistence id, sequence number, event) followed by the summaries. Full journals are limited to
/// <see cref="FullLimit"/> hosts: a 256 MiB-block host of the size writes tens of thousands of events.
/// </summary>
internal sealed class FleetJournal
{
    /// <summary>Most hosts a full journal may cover.</summary>
    public const long FullLimit = 1000;

    private readonly StringBuilder _events = new();
    private readonly SortedDictionary<(int Variant, int Host), string> _full = [];

    /// <summary>Records every event of one host (called from worker threads).</summary>
    public void Host(int variant, int host, HostEventLog log)
    {
        var text = new StringBuilder();
        foreach (var e in log.Entries)
        {
            text.Append(JsonSerializer.Serialize(new { variant, host, pid = e.PersistenceId, seq = e.SequenceNr, @event = e.Event.GetType().Name, text = e.Event.ToString() })).Append('\n');
        }

        lock (_full)
        {
            _full[(variant, host)] = text.ToString();
        }
    }

    /// <summary>The journal: full events in (variant, host) order when kept, then one HostSummarized per host.</summary>
    public string Render(FleetResult result)
    {
        foreach (var text in _full.Values)
        {
            _events.Append(text);
        }

        foreach (var v in result.Variants)
        {
            foreach (var h in v.Hosts)
            {
                _events.Append(JsonSerializer.Serialize(new
                {
                    variant = v.Variant.Index,
                    host = h.Index,
                    @event = "HostSummarized",
                    @class = h.Class,
                    cxl_added_bytes = h.CxlAddedBytes,
                    memmap_dram_bytes = h.MemmapDramBytes,
                    altmap_cxl_bytes = h.AltmapCxlBytes,
                    reclaim_attempted = h.ReclaimAttempted,
                    reclaim_removed = h.ReclaimRemoved,
                    failures = h.ReclaimFailures,
                    steps = h.Steps,
                })).Append('\n');
            }
        }

        return _events.ToString();
    }
}
