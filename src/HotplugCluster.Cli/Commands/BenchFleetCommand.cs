using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HotplugCluster.Bench.Fleet;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug bench fleet [FLEET] [--hosts N] [--quick] [--runs N] [--parallelism N] [--json]</c>: fleet hosts per second
/// with hosts started from a copy, against every host booted (the baseline, same hosts, same run), and whether both gave
/// the same figures. With <c>--growth [--sizes N...]</c>: time, CPU, allocation and peak RSS per block at each fleet size
/// (default 100, 1,000 and 10,000 hosts of each class; medians of 5 rounds of every size by default), and whether the
/// per-block costs stay within ±20%.
/// </summary>
internal static class BenchFleetCommand
{
    private const string DefaultFleet = "config/fleets/scale-target.conf";

    public static Command Create()
    {
        var file = new Argument<string>("FLEET") { Description = "The fleet to run (default: the issue's scale target).", DefaultValueFactory = _ => DefaultFleet };
        var hosts = new Option<int?>("--hosts") { Description = "Hosts of each class (fleet.sweep.count); default 500, 100 with --quick." };
        var quick = new Option<bool>("--quick") { Description = "100 hosts (about a minute on two cores, most of it the booted baseline)." };
        var runs = new Option<int?>("--runs") { Description = "Runs per figure, the fastest kept (default 1); with --growth, rounds of every size, each size's median kept (default 5)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Workers (default: the fleet's, 0 = one per core)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var growth = new Option<bool>("--growth") { Description = "Time and memory per block at several fleet sizes (--sizes), copy start only." };
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Hosts of each class at each size of --growth, smallest first (default 100 1000 10000).",
            AllowMultipleArgumentsPerToken = true,
        };
        parallelism.Validators.Add(CommandValidation.NotNegative);
        sizes.Validators.Add(CommandValidation.AllPositive);
        runs.Validators.Add(CommandValidation.Positive);
        hosts.Validators.Add(CommandValidation.Positive);
        var command = new Command("fleet", "Measure fleet throughput: hosts started from a copy against every host booted, same hosts, same run.");
        command.Arguments.Add(file);
        command.Options.Add(hosts);
        command.Options.Add(quick);
        command.Options.Add(runs);
        command.Options.Add(parallelism);
        command.Options.Add(json);
        command.Options.Add(growth);
        command.Options.Add(sizes);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(file)!;
            var counts = parse.GetValue(growth)
                ? parse.GetValue(sizes) is { Length: > 0 } given ? given : [.. FleetGrowth.DefaultSizes]
                : [parse.GetValue(hosts) ?? (parse.GetValue(quick) ? 100 : 500)];
            var plans = new List<FleetPlan>();
            try
            {
                foreach (var count in counts)
                {
                    plans.Add(FleetConfig.Read(ConfigLoader.Load(path, [$"fleet.sweep.count = [{count}]"], ConfigResolveOptions.Default, SettingsDocument.Fleet), path));
                }
            }
            catch (HoconException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }

            if (parse.GetValue(growth))
            {
                var before = BenchActorsCommand.LoadAverage();
                var grown = FleetGrowth.Run(plans, parse.GetValue(parallelism), parse.GetValue(runs) ?? FleetGrowth.DefaultRuns);
                var after = BenchActorsCommand.LoadAverage();
                output.WriteLine(parse.GetValue(json) ? BenchFleetGrowthOutput.ToJson(grown, before, after) : BenchFleetGrowthOutput.ToText(grown, before, after));
                return 0;
            }

            var plan = plans[0];
            var fastestOf = parse.GetValue(runs) ?? 1;
            var result = FleetBench.Run(plan, parse.GetValue(parallelism), fastestOf);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            output.WriteLine(parse.GetValue(json) ? ToJson(result, peak, fastestOf) : ToText(result, peak));
            return result.Identical ? 0 : Dispatch.Failure;
        });
        return command;
    }

    internal static string ToJson(FleetBenchResult r, long peakRss, int runs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("hosts", r.Hosts);
            w.WriteNumber("blocks", r.Blocks);
            w.WriteNumber("workers", r.Workers);
            w.WriteNumber("runs_per_figure", runs);
            w.WriteNumber("copy_s", Math.Round(r.CopySeconds, 3));
            w.WriteNumber("copy_hosts_per_s", Math.Round(r.CopyHostsPerSecond, 2));
            w.WriteNumber("copy_blocks_per_s", Math.Round(r.CopyBlocksPerSecond));
            w.WriteNumber("boot_s", Math.Round(r.BootSeconds, 3));
            w.WriteNumber("boot_hosts_per_s", Math.Round(r.BootHostsPerSecond, 2));
            w.WriteNumber("copy_vs_boot", ThreeSignificant(r.CopyVsBoot));
            w.WriteNumber("projected_10000_hosts_s", Math.Round(r.ProjectedTargetSeconds, 1));
            w.WriteBoolean("identical", r.Identical);
            w.WriteNumber("peak_rss_bytes", peakRss);
            w.WriteString("gc_gen0size", GcBudget.Current);
            w.WriteString("gc_loh_threshold", GcBudget.LohThreshold);
            w.WriteString("gc_gen0_max_budget", GcBudget.Gen0MaxBudget);
            w.WriteBoolean("jit_pgo", GcBudget.Pgo);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// A ratio to three significant digits: rounding to decimal places printed 0 when a stalled copy run on a loaded
    /// machine made the copy start 200 times slower than the baseline, and a ratio of two measured rates is never 0.
    /// </summary>
    internal static double ThreeSignificant(double ratio) => double.Parse(ratio.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    internal static string ToText(FleetBenchResult r, long peakRss) => string.Join(
        Environment.NewLine,
        string.Create(CultureInfo.InvariantCulture, $"{r.Hosts} hosts, {r.Blocks:N0} blocks, {r.Workers} worker(s)"),
        string.Create(CultureInfo.InvariantCulture, $"copy start   {r.CopySeconds,8:F2} s  {r.CopyHostsPerSecond,8:F1} hosts/s  {r.CopyBlocksPerSecond,12:N0} blocks/s"),
        string.Create(CultureInfo.InvariantCulture, $"boot (base)  {r.BootSeconds,8:F2} s  {r.BootHostsPerSecond,8:F1} hosts/s  ({r.CopyVsBoot:F2}x)"),
        string.Create(CultureInfo.InvariantCulture, $"10,000 hosts at the copy rate: {r.ProjectedTargetSeconds:F0} s; peak RSS {peakRss / 1048576.0:F0} MiB"),
        r.Identical ? "figures identical both ways" : "FIGURES DIFFER between copy and boot");
}
