using System.Text;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>What a scenario run did: each step, and every node's meminfo before and after.</summary>
public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<ScenarioStep> Steps, NodeMeminfo Before, NodeMeminfo After)
{
    /// <summary>The human report: each operation with its output (indented) and status when non-zero, then the meminfo table.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("scenario ").Append(Scenario.Source);
        if (Scenario.Description is { } d)
        {
            sb.Append(": ").Append(d);
        }

        var k = Scenario.Host.Kernel;
        sb.Append('\n').Append($"host: kernel {k.Version switch { Kernel.Settings.KernelVersion.V6_1 => "6.1", Kernel.Settings.KernelVersion.V6_12 => "6.12", _ => "6.8" }}, ")
            .Append($"{Scenario.Host.NumaNodes.Length} NUMA node(s), {Scenario.Host.CxlDevices.Length} CXL device(s), ")
            .Append($"memmap-on-memory {k.MemmapOnMemory.ToString().ToLowerInvariant()}\n\n");
        for (var i = 0; i < Steps.Count; i++)
        {
            var s = Steps[i];
            sb.Append($"[{i + 1}] $ {s.Operation.Command.Text}\n");
            foreach (var line in s.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append("    ").Append(line).Append('\n');
            }

            if (s.Status != 0)
            {
                sb.Append($"    (exit status {s.Status})\n");
            }

            var previous = i == 0 ? Before : Steps[i - 1].After;
            var changes = NodeMeminfo.Keys(previous, s.After)
                .Select(key => (key.Node, key.Field, Delta: (long)s.After.Kb(key.Node, key.Field) - (long)previous.Kb(key.Node, key.Field)))
                .Where(c => c.Delta != 0)
                .Select(c => $"node{c.Node} {c.Field} {Signed(c.Delta)} kB")
                .ToList();
            if (changes.Count > 0)
            {
                sb.Append("    meminfo: ").Append(string.Join(", ", changes)).Append('\n');
            }
        }

        sb.Append("\nper-node meminfo (kB)\n");
        sb.Append($"{"node",-5} {"field",-10} {"before",12} {"after",12} {"delta",12}\n");
        foreach (var (node, field) in NodeMeminfo.Keys(Before, After))
        {
            var before = Before.Kb(node, field);
            var after = After.Kb(node, field);
            sb.Append($"{node,-5} {field,-10} {before,12} {after,12} {Signed((long)after - (long)before),12}\n");
        }

        return sb.ToString();
    }

    private static string Signed(long delta) =>
        (delta > 0 ? "+" : string.Empty) + delta.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
