using System.Globalization;
using System.Text;
using System.Text.Json;
using HotplugCluster.Actors;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>
/// The <c>recorded-writes = [ { step, path, value }, … ]</c> key of a scenario recorded by <c>hotplug exec</c>: reading
/// it, rendering it as HOCON, and replaying it on a host.
/// </summary>
public static class RecordedWrites
{
    /// <summary>The root key.</summary>
    public const string Key = "recorded-writes";

    // Scenario data, as operations = [...] is, not settings of reference.conf.
    private const string StepKey = "step";
    private const string PathKey = "path";
    private const string ValueKey = "value";

    /// <summary>The writes of <paramref name="root"/>, or null when it has none.</summary>
    public static IReadOnlyList<RecordedWrite>? Read(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.HasPath(Key))
        {
            return null;
        }

        return [.. root.GetConfigList(Key).Select(c => new RecordedWrite(c.GetLong(StepKey), c.GetString(PathKey), c.GetString(ValueKey)))];
    }

    /// <summary>The HOCON text of the key (strings as JSON strings, which HOCON reads unchanged).</summary>
    public static string Render(IReadOnlyList<RecordedWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var sb = new StringBuilder(Key).Append(" = [\n");
        foreach (var w in writes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{ step = {w.Step}, path = {JsonSerializer.Serialize(w.Path)}, value = {JsonSerializer.Serialize(w.Value)} }}\n");
        }

        return sb.Append("]\n").ToString();
    }

    /// <summary>Submits every write once the scheduler has run to its step, then runs until every operation has returned.</summary>
    public static void Replay(IReadOnlyList<RecordedWrite> writes, SimulatedHost host, ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(system);
        var pending = new List<Task>();
        foreach (var w in writes)
        {
            host.RunUntil(() => system.StepCount >= w.Step);
            pending.Add(host.SubmitWrite(w.Path, w.Value));
        }

        host.RunUntil(() => pending.TrueForAll(t => t.IsCompleted));
    }
}
