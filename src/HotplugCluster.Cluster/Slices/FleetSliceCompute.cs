using System.Collections.Concurrent;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// Runs a fleet slice on a member: the job's fleet text (the submitter's resolved <c>fleet</c> block) over the member's
/// own configuration (equal to the submitter's, see <see cref="Configuration.ConfigFingerprint"/>), read once per job;
/// each variant's start (<see cref="VariantStart"/>) is computed once per job and kept while the member runs.
/// </summary>
public sealed class FleetSliceCompute(Config memberRoot)
{
    private readonly ConcurrentDictionary<string, Lazy<FleetPlan>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Job, int Variant), Lazy<VariantStart>> _starts = new();

    /// <summary>The fleet text a submitter sends for <paramref name="root"/>: its resolved fleet block.</summary>
    public static string FleetText(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return "fleet {\n" + root.GetConfig(FleetConfig.FleetRoot).ToHocon() + "}\n";
    }

    /// <summary>The plan of <paramref name="fleetText"/> read over <paramref name="root"/>.</summary>
    public static FleetPlan Plan(string fleetText, Config root) =>
        FleetConfig.Read(ConfigFactory.ParseString(fleetText, "fleet from the submitter").WithFallback(root).Resolve(), "fleet from the submitter");

    /// <summary>Runs <paramref name="work"/> and returns its hosts, compressed.</summary>
    public byte[] Run(SliceWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var plan = _plans.GetOrAdd(work.JobId, _ => new Lazy<FleetPlan>(() => Plan(SlicePayload.DecodeJob(work.Job), memberRoot))).Value;
        if (_starts.Count > 16)
        {
            // A long-lived member forgets older jobs' starts (they are recomputed if such a job comes back).
            _starts.Clear();
        }

        var start = _starts.GetOrAdd((work.JobId, work.Slice.Variant), key => new Lazy<VariantStart>(() => VariantStart.Of(plan, key.Variant))).Value;
        return SlicePayload.EncodeHosts(FleetSlices.Run(plan, work.Slice, start));
    }
}
