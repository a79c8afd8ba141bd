using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Tests.Schedules;

/// <summary>The shipped stress scenarios the range tests search, as stress jobs, and their answer found by a plain loop in this process.</summary>
internal static class StressScenarios
{
    /// <summary>
    /// add-failure-rollback-6.1 with the 6.1 error-path bug switched on: PCT d=3, run seed 0 first fails in schedule 30
    /// (docs/exploration.md, shipped scenarios), so ranges below and above it both matter.
    /// </summary>
    public const string Rollback = "config/scenarios/stress/add-failure-rollback-6.1.conf";

    /// <summary>The bug switch <see cref="Rollback"/> is searched with.</summary>
    public const string RollbackBug = "host.kernel.bugs = [ add-memory-resource-error-path-without-altmap ]";

    /// <summary>online-offline-cycles with no bug switched on: clean.</summary>
    public const string Cycles = "config/scenarios/stress/online-offline-cycles.conf";

    /// <summary>The resolved configuration of <paramref name="scenario"/> with <paramref name="overrides"/>, and its PCT d=3 seed 0 job.</summary>
    public static (Config Root, StressJob Job) Job(string scenario, params string[] overrides)
    {
        var root = Repo.Load(scenario, overrides);
        return (root, StressJob.Of(root, StressScenarioConfig.Read(root, scenario), "pct", 3, 0, "every-step", null));
    }

    /// <summary>The lowest failing schedule below <paramref name="schedules"/>, one after another in this process.</summary>
    public static int? FirstViolation(Config root, StressJob job, int schedules)
    {
        var explorer = new Explorer(StressScenarioConfig.Read(root, job.Source), job.Settings());
        for (var i = 0; i < schedules; i++)
        {
            if (explorer.Run(i).Finding is not null)
            {
                return i;
            }
        }

        return null;
    }
}
