using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>Runs under <c>hotplug exec</c> one at a time: each mounts, and two cores are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExecRuns
{
    public const string Name = "exec";
}
