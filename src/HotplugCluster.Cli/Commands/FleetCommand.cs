using System.CommandLine;
using System.Diagnostics;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cli.Fleet;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using Spectre.Console;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug fleet FLEET [--set path=value ...] [--out DIR] [--json] [--parallelism N] [--journal summary|full|none] [--cluster URI | --nodes N]</c>:
/// reads and validates the fleet (every variant) and its memory estimate, runs it with a progress bar, prints a summary
/// table per variant (or JSON), and with --out writes results.csv, results.json, report.html and journal.jsonl.
/// </summary>
internal static class FleetCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FLEET") { Description = "A fleet file: fleet { classes = [...], timeline = [...], sweep { ... } } (see config/fleets)." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON: --set fleet.seed=7 (repeatable)." };
        var outDir = new Option<string?>("--out") { Description = "Write results.csv, results.json, report.html and journal.jsonl to this directory." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (figures per variant and hosts_per_s, blocks_per_s, bytes_per_block, peak_rss_bytes)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Hosts run at once (default: fleet.parallelism, 0 = one per core)." };
        var journal = new Option<string>("--journal") { Description = "summary (one event per host, default) | full (every kernel event; at most 1000 hosts) | none.", DefaultValueFactory = _ => "summary" };
        journal.AcceptOnlyFromAmong("summary", "full", "none");
        var (cluster, nodes) = ClusterTarget.Options();
        var command = new Command("fleet", "Run a fleet what-if experiment: host classes, a timeline of hotplug operations, a parameter sweep; figures per variant.");
        command.Arguments.Add(file);
        command.Options.Add(set);
        command.Options.Add(outDir);
        command.Options.Add(json);
        command.Options.Add(parallelism);
        command.Options.Add(journal);
        command.Options.Add(cluster);
        command.Options.Add(nodes);
        parallelism.Validators.Add(CommandValidation.NotNegative);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            FleetPlan plan;
            Config root;
            try
            {
                var path = parse.GetValue(file)!;
                root = ConfigLoader.Load(path, parse.GetValue(set) ?? [], ConfigResolveOptions.Default, SettingsDocument.Fleet);
                plan = FleetConfig.Read(root, path);
            }
            catch (HoconException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }

            try
            {
                // Checked before the run, not after minutes of it.
                if (parse.GetValue(outDir) is { } folder)
                {
                    OutputFile.PrepareFolder(folder);
                }
            }
            catch (OutputFileException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }

            var full = parse.GetValue(journal) == "full";
            var options = new FleetRunOptions { Parallelism = parse.GetValue(parallelism) };
            var workers = FleetRunner.Workers(plan, options);
            var estimate = FleetEstimate.PeakBytes(plan, workers, full);
            if (estimate > plan.MemoryLimit)
            {
                error.WriteLine($"error: the fleet needs an estimated {estimate} of memory ({plan.TotalHosts} hosts, {plan.TotalBlocks} blocks, "
                    + $"{FleetEstimate.HostsInFlight(workers)} hosts in flight at {FleetEstimate.BytesPerBlock} B/block, results and journal), above fleet.memory-limit = {plan.MemoryLimit}; "
                    + "lower --parallelism, the host count or --journal, or raise fleet.memory-limit");
                return Dispatch.BadInput;
            }

            if (full && plan.TotalHosts > FleetJournal.FullLimit)
            {
                error.WriteLine($"error: --journal full keeps every kernel event and is limited to {FleetJournal.FullLimit} hosts; this fleet runs {plan.TotalHosts}");
                return Dispatch.BadInput;
            }

            var target = FleetOnCluster.Target(parse.GetValue(cluster), parse.GetValue(nodes), full, error);
            if (target is { Error: true })
            {
                return 1;
            }

            var sink = parse.GetValue(journal) == "none" ? null : new FleetJournal();
            options = options with { Journal = full ? sink!.Host : null };
            var console = Console(output);

            // Measured first, on a clean heap: one host of the first class with its actors alive.
            var first = plan.Variants[0];
            var bytesPerBlock = FleetProbe.BytesPerBlock(first.Classes[0], first.Timeline, plan.Seed, plan.HostStart);
            var watch = Stopwatch.StartNew();
            var interactive = !parse.GetValue(json) && ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
            FleetResult result;
            try
            {
                result = target is null
                    ? Run(plan, console, interactive, progress => FleetRunner.Run(plan, options with { Progress = progress }))
                    : Run(plan, console, interactive, progress => FleetOnCluster.Run(root, plan, parse.GetValue(set) ?? [], target, progress));
            }
            catch (HotplugCluster.Cluster.ClusterException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }

            watch.Stop();
            var perf = new FleetPerformance(
                watch.Elapsed.TotalSeconds, result.Hosts, result.Blocks, bytesPerBlock, Process.GetCurrentProcess().PeakWorkingSet64, (long)estimate.Bytes);
            if (parse.GetValue(outDir) is { } dir)
            {
                try
                {
                    OutputFile.WriteText(Path.Combine(dir, "results.csv"), FleetCsv.Render(result));
                    OutputFile.WriteText(Path.Combine(dir, "results.json"), FleetJson.Render(result, perf, hosts: true, indented: true));
                    OutputFile.WriteText(Path.Combine(dir, "report.html"), FleetReport.Render(result, perf));
                    if (sink is not null)
                    {
                        OutputFile.WriteText(Path.Combine(dir, "journal.jsonl"), sink.Render(result));
                    }
                }
                catch (OutputFileException e)
                {
                    error.WriteLine($"error: {e.Message}");
                    return 1;
                }
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(FleetJson.Render(result, perf, hosts: false));
            }
            else
            {
                FleetTable.Write(console, result, perf);
            }

            return 0;
        });
        return command;
    }

    private static FleetResult Run(FleetPlan plan, IAnsiConsole console, bool interactive, Func<Action<long, long>?, FleetResult> run)
    {
        if (!interactive)
        {
            return run(null);
        }

        FleetResult? result = null;
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask($"fleet {plan.Name}: {plan.TotalHosts} hosts", maxValue: plan.TotalHosts);
            result = run((done, _) => task.Value = done);
        });
        return result!;
    }

    /// <summary>The terminal, or a plain 200-column console over a redirected or captured writer (tables never wrap there).</summary>
    private static IAnsiConsole Console(TextWriter output)
    {
        if (ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
