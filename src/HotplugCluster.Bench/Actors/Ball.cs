namespace HotplugCluster.Bench.Actors;

/// <summary>The message the benchmark workloads pass around: one shared instance, so no allocation per message.</summary>
internal sealed class Ball
{
    private Ball()
    {
    }

    public static Ball Instance { get; } = new();
}
