namespace HotplugCluster.Architecture.Tests;

/// <summary>
/// The layer of every project of ours. A project may reference only projects of a lower layer, so two projects of one
/// layer never reference each other. A new project takes its place here by layer, not by edits to the tests.
/// </summary>
internal static class Layers
{
    public static IReadOnlyDictionary<string, int> ByProject { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // Foundations: each stands alone.
        ["HotplugCluster.Kernel"] = 0,
        ["HotplugCluster.Actors"] = 0,
        ["HotplugCluster.Hocon"] = 0,

        // The journal, on the actor runtime.
        ["HotplugCluster.Persistence"] = 1,

        // A host as actors, on the kernel model, the runtime, the journal and the configuration.
        ["HotplugCluster.Simulation"] = 2,

        // A simulated host mounted as a file system.
        ["HotplugCluster.Mount"] = 3,

        // The two jobs on hosts: neither knows the other.
        ["HotplugCluster.Exploration"] = 4,
        ["HotplugCluster.Fleet"] = 4,

        // Fleets and exploration spread over a cluster.
        ["HotplugCluster.Cluster"] = 5,

        // The benchmark workloads, over any job they measure.
        ["HotplugCluster.Bench"] = 6,

        // Commands, option parsing and rendering: nothing references it.
        ["HotplugCluster.Cli"] = 7,
    };

    /// <summary>The layer of <paramref name="project"/>; an unknown project fails, telling its author what to do.</summary>
    public static int Of(string project) =>
        ByProject.TryGetValue(project, out var layer)
            ? layer
            : throw new Xunit.Sdk.XunitException(
                $"{project} has no layer: add it to Layers.ByProject in tests/HotplugCluster.Architecture.Tests/Layers.cs, " +
                "above every project it references and below every project that references it.");
}
