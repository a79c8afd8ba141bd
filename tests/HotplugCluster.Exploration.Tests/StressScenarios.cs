using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Exploration.Tests;

/// <summary>Shipped stress scenarios (config/scenarios/stress), read as <c>hotplug stress</c> reads them, with host overrides.</summary>
internal static class StressScenarios
{
    public static StressScenario Load(string name, string? overrides = null)
    {
        var relative = $"config/scenarios/stress/{name}.conf";
        var text = File.ReadAllText(Path.Combine(TestRepo.Root, relative));
        var config = TestRepo.Load(overrides is null ? text : text + "\n" + overrides, relative);
        return StressScenarioConfig.Read(config, relative);
    }

    public static IEnumerable<string> Shipped() =>
        Directory.GetFiles(Path.Combine(TestRepo.Root, "config", "scenarios", "stress"), "*.conf")
            .Where(f => File.ReadAllText(f).Contains("lanes = [", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    /// <summary>The first failing schedule among the first <paramref name="count"/>, or null.</summary>
    public static (int Index, ScheduleOutcome Outcome)? Search(Explorer explorer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var outcome = explorer.Run(i);
            if (outcome.Finding is not null)
            {
                return (i, outcome);
            }
        }

        return null;
    }
}
