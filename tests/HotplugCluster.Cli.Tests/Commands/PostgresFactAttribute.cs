using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>A fact that records into the PostgreSQL server named by HOTPLUG_TEST_POSTGRES (.ci/run starts one); skipped, with the reason, when it is unset.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "HOTPLUG_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"no PostgreSQL server to record into ({Variable} unset; .ci/run starts one; locally: source .ci/postgres)";
        }
    }
}
