using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Cli.Hosts;

/// <summary>The one place the CLI boots a host: every command gets its <see cref="IHostConsole"/> from here.</summary>
internal static class HostConsoleFactory
{
    /// <summary>Boots a host from validated settings.</summary>
    public static IHostConsole Boot(HostSettings settings) => KernelHostConsole.Boot(settings);
}
