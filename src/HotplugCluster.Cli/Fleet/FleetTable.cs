using System.Globalization;
using HotplugCluster.Fleet.Results;
using Spectre.Console;

namespace HotplugCluster.Cli.Fleet;

/// <summary>The human summary: one table with a row per variant, then the run's throughput.</summary>
internal static class FleetTable
{
    public static void Write(IAnsiConsole console, FleetResult result, FleetPerformance perf)
    {
        var table = new Table().Title($"fleet {result.Plan.Name}: {result.Hosts} hosts, seed {result.Plan.Seed}")
            .AddColumn("variant").AddColumn(new TableColumn("DRAM memmap").RightAligned()).AddColumn(new TableColumn("% DRAM").RightAligned())
            .AddColumn(new TableColumn("CXL altmap").RightAligned()).AddColumn(new TableColumn("usable CXL").RightAligned())
            .AddColumn(new TableColumn("stranded").RightAligned()).AddColumn(new TableColumn("clean 1G").RightAligned())
            .AddColumn(new TableColumn("kernel:movable").RightAligned()).AddColumn(new TableColumn("reclaim").RightAligned())
            .AddColumn("failures").AddColumn(new TableColumn("steps/host").RightAligned());
        foreach (var v in result.Variants)
        {
            var failures = v.Failures.Count == 0 ? "-" : string.Join(", ", v.Failures.Select(f => $"{f.Key} {f.Value}"));
            table.AddRow(
                Markup.Escape(v.Variant.Label),
                Gib(v.MemmapDramBytes),
                v.MemmapDramPercent.ToString("0.###", CultureInfo.InvariantCulture) + "%",
                Gib(v.AltmapCxlBytes),
                Gib(v.UsableCxlBytes),
                Gib(v.StrandedBytes),
                $"{v.FreeRanges1G}/{v.Ranges1G}",
                FleetJson.Ratio(v.KernelPagesPerNode.Sum(), v.MovablePagesPerNode.Sum()),
                v.ReclaimSuccessPercent.ToString("0.##", CultureInfo.InvariantCulture) + "%",
                Markup.Escape(failures),
                v.MeanReclaimSteps.ToString("0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Hosts} hosts, {result.Blocks} blocks in {perf.ElapsedSeconds:0.00} s on {result.Workers} worker(s), hosts started by {FleetJson.HostStartName(result.Plan.HostStart)}: {perf.HostsPerSecond:0.0} hosts/s, {perf.BlocksPerSecond:0} blocks/s, {perf.BytesPerBlock:0} B/block, peak RSS {perf.PeakRssBytes / 1048576.0:0} MiB"));
    }

    private static string Gib(long bytes) => (bytes / 1073741824.0).ToString("0.###", CultureInfo.InvariantCulture) + " GiB";
}
