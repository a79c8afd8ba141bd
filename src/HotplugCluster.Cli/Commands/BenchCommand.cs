using System.CommandLine;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug bench</c>: quick benchmarks that print figures, or JSON with <c>--json</c>.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run quick benchmarks of the runtime and the journal.");
        bench.Subcommands.Add(BenchJournalCommand.Create());
        bench.Subcommands.Add(BenchActorsCommand.Create());
        bench.Subcommands.Add(BenchFleetCommand.Create());
        bench.Subcommands.Add(BenchClusterCommand.Create());
        bench.Subcommands.Add(BenchMountCommand.Create());
        return bench;
    }
}
