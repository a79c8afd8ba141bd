using System.Globalization;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>Runs a scenario's operations in order on a booted host and reports each one's output and the per-node meminfo deltas.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs every operation through a <see cref="HostShell"/> on <paramref name="console"/> and returns what happened.</summary>
    public static ScenarioResult Run(Scenario scenario, IHostConsole console)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(console);
        var shell = new HostShell(console);
        var before = NodeMeminfo.Read(console);
        var steps = new List<ScenarioStep>();
        foreach (var op in scenario.Operations)
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            var status = shell.Execute(op.Command, output);
            steps.Add(new ScenarioStep(op, status, output.ToString(), NodeMeminfo.Read(console)));
        }

        return new ScenarioResult(scenario, steps, before, steps.Count > 0 ? steps[^1].After : before);
    }
}
