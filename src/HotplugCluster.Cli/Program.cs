using System.CommandLine;
using HotplugCluster.Cli.Commands;

namespace HotplugCluster.Cli;

/// <summary>The <c>hotplug</c> command: parses the command line and dispatches to one verb.</summary>
public static class Program
{
    /// <summary>Builds the root command with every verb; tests call it to run verbs in-process.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("hotplug: a deterministic simulator of Linux memory hotplug on hosts with CXL memory.");
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(MountCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(SysfsCommand.Create());
        root.Subcommands.Add(StressCommand.Create());
        return root;
    }

    public static int Main(string[] args) => GcBudget.RelaunchIfNeeded(args) ?? Dispatch.Invoke(BuildRoot(), args, new InvocationConfiguration());
}
