using Xunit;

namespace HotplugCluster.Cli.Tests.Fleet;

/// <summary>Fleet command tests run alone: bytes_per_block is measured on the managed heap, which other tests running at the same time would disturb.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FleetSequential
{
    public const string Name = "fleet (not parallel)";
}
