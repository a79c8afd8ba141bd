namespace HotplugCluster.Mount.Tests;

/// <summary>One FUSE mount per process: the tests that mount run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuseMounts
{
    public const string Name = "fuse";
}
