namespace HotplugCluster.Cluster.Tests;

/// <summary>A fact that runs against the PostgreSQL server named by HOTPLUG_TEST_POSTGRES (.ci/run starts one), and skips with the reason when it is unset.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "HOTPLUG_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"no PostgreSQL server to test against ({Variable} unset; .ci/run starts one; locally: source .ci/postgres)";
        }
    }
}
