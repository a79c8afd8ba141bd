using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cluster;
using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Exploration.Traces;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Invariants;
using HotplugCluster.Simulation.Scenarios;
using Spectre.Console;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug stress SCENARIO --schedules N --strategy fifo|random|pct [--depth d] [--seed S] [--json] [--diagram FILE]
/// [--trace-out FILE] [--cluster URI | --nodes N]</c> and <c>hotplug stress --replay TRACE</c>: runs a stress scenario's
/// schedules in parallel across cores, or in ranges across a cluster's members (each deterministic on its own host),
/// stops at the first violation (lowest schedule index, wherever it ran), minimises it here, prints it as a sequence of
/// messages and saves its trace. Exit 0: no violation; 1: a violation; 2: bad input, or a cluster that cannot run it.
/// </summary>
internal static class StressCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("SCENARIO") { Description = "A stress scenario: host { ... }, lanes = [ { name, run = [ ... ] } ], faults, expect.", Arity = ArgumentArity.ZeroOrOne };
        var schedules = new Option<int>("--schedules") { Description = "How many schedules to run.", DefaultValueFactory = _ => 1000 };
        var strategy = new Option<string>("--strategy") { Description = "fifo, random or pct.", DefaultValueFactory = _ => "pct" };
        strategy.AcceptOnlyFromAmong("fifo", "random", "pct");
        var depth = new Option<int>("--depth") { Description = "PCT depth d (d-1 priority change points).", DefaultValueFactory = _ => 3 };
        var seed = new Option<long>("--seed") { Description = "Run seed; schedule i runs with a seed derived from it and i.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var diagram = new Option<string?>("--diagram") { Description = "Write the minimised trace as a Mermaid sequence diagram to FILE." };
        var traceOut = new Option<string?>("--trace-out") { Description = "Where to save the failing trace (default: SCENARIO-NAME.trace.json)." };
        var replay = new Option<string?>("--replay") { Description = "Replay a saved trace instead of searching." };
        var check = new Option<string>("--check")
        {
            Description = "every-step (default: state invariants after every step that journaled events, journal-replay at the end), strict (journal-replay too after every such step) or end (state invariants only at the end).",
            DefaultValueFactory = _ => "every-step",
        };
        check.AcceptOnlyFromAmong("every-step", "strict", "end");
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON (repeatable)." };
        var only = new Option<string[]>("--invariant") { Description = "Report only violations of this name (repeatable): an invariant, deadlock, expect, operation-fault." };
        only.Validators.Add(CommandValidation.OneOf(FindingNames()));
        var (cluster, nodes) = ClusterTarget.Options();
        schedules.Validators.Add(CommandValidation.Positive);
        depth.Validators.Add(CommandValidation.Positive);
        var command = new Command("stress", "Explore a scenario's schedules for invariant violations; replay a saved trace.");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { schedules, strategy, depth, seed, json, diagram, traceOut, replay, check, set, only, cluster, nodes })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var options = new StressOptions(
                    parse.GetValue(schedules), parse.GetValue(strategy)!, parse.GetValue(depth), parse.GetValue(seed), parse.GetValue(json),
                    parse.GetValue(diagram), parse.GetValue(traceOut), parse.GetValue(check)!, parse.GetValue(set) ?? [],
                    parse.GetValue(only) is { Length: > 0 } names ? names : null);
                var target = ClusterTarget.Of(parse.GetValue(cluster), parse.GetValue(nodes), error);
                if (target is { Error: true })
                {
                    return 2;
                }

                if (parse.GetValue(replay) is { } tracePath)
                {
                    if (target is not null)
                    {
                        error.WriteLine("error: --replay runs one schedule here; --cluster and --nodes are for a search");
                        return 2;
                    }

                    return Replay(tracePath, options, output);
                }

                if (parse.GetValue(file) is not { } path)
                {
                    error.WriteLine("error: give a SCENARIO to explore or --replay TRACE");
                    return 2;
                }

                if (options.Schedules < 1 || options.Depth < 1)
                {
                    error.WriteLine("error: --schedules and --depth must be at least 1");
                    return 2;
                }

                return Search(path, options, target, output);
            }
            catch (ClusterException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (HoconException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (IOException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (OutputFileException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>What --invariant may name: every standard invariant, and the findings that are not invariants.</summary>
    private static string[] FindingNames() =>
        [.. InvariantSet.Standard().Select(i => i.Name), "deadlock", Expectation.InvariantName, "operation-fault"];

    private static StressScenario Load(string path, IReadOnlyList<string> sets) => Read(path, sets).Scenario;

    private static (Config Root, StressScenario Scenario) Read(string path, IReadOnlyList<string> sets)
    {
        var root = ConfigLoader.Load(path, sets, ConfigResolveOptions.Default, SettingsDocument.Scenario);
        return (root, StressScenarioConfig.Read(root, path));
    }

    private static int Search(string path, StressOptions o, ClusterTarget? target, TextWriter output)
    {
        var (root, scenario) = Read(path, o.Sets);
        var job = StressJob.Of(root, scenario, o.Strategy, o.Depth, o.Seed, o.Check, o.Only);
        var explorer = new Explorer(scenario, job.Settings());
        foreach (var failed in o.Json ? [] : explorer.SetupFailures)
        {
            output.WriteLine($"warning: setup command '{failed.Command}' failed in every schedule: {failed.Result}");
        }

        var watch = Stopwatch.StartNew();
        Func<Action<int>, int?> search = target is null
            ? progress => FirstViolation(explorer, o.Schedules, progress)
            : progress => StressOnCluster.FirstViolation(root, job, o.Schedules, o.Sets, target, progress);
        var lowest = ShowProgress(o, output) ? RunWithProgress(o.Schedules, search) : search(_ => { });

        // Schedules 0 to the violation decide the answer, wherever and however many more ran: counted the same everywhere.
        var run = lowest + 1 ?? o.Schedules;
        var elapsed = watch.Elapsed.TotalSeconds;
        var rate = run / Math.Max(elapsed, 1e-9);
        if (lowest is not { } index)
        {
            if (o.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(Summary(scenario, o, run, elapsed, rate, null), JsonOptions));
            }
            else
            {
                output.WriteLine(Header(scenario, o, run, elapsed, rate));
                output.WriteLine("no violation found");
            }

            return 0;
        }

        // Run here again: its outcome (a cluster sends back only the number) is what gets minimised.
        var f = (Index: index, Outcome: explorer.Run(index));
        if (f.Outcome.Finding is null)
        {
            throw new ClusterException($"schedule {index} violated on the cluster but not in this process: members and submitter must run one build with the same settings");
        }

        var scheduleSeed = explorer.ScheduleSeed(f.Index);
        var minimised = explorer.Minimise(f.Outcome, scheduleSeed);
        var m = minimised.Outcome;
        var finding = m.Finding ?? f.Outcome.Finding!;
        var trace = new StressTrace(StressTrace.FormatTag, RunCommand.ModelVersion, path, scenario.Identity, o.Sets, o.Strategy, o.Depth, o.Seed,
            f.Index, scheduleSeed, o.Only, o.Check, finding.Invariant, finding.Step, m.Choices);
        var tracePath = o.TraceOut ?? Path.GetFileNameWithoutExtension(path) + ".trace.json";
        OutputFile.WriteText(tracePath, trace.ToJson());
        if (o.Diagram is { } diagramPath)
        {
            OutputFile.WriteText(diagramPath, TraceRendering.Mermaid(m.Lines, finding, $"{Path.GetFileName(path)}: {finding.Invariant}"));
        }

        var first = f.Outcome.Finding!;
        if (o.Json)
        {
            var violation = new Dictionary<string, object?>
            {
                ["schedule"] = f.Index,
                ["schedule_seed"] = scheduleSeed,
                ["invariant"] = first.Invariant,
                ["step"] = first.Step,
                ["message"] = first.Message,
                ["lane"] = first.Lane,
                ["op"] = first.OpId,
                ["faults"] = FaultPlanText.Of(f.Outcome.Faults),
                ["minimised_invariant"] = finding.Invariant,
                ["minimised_step"] = finding.Step,
                ["minimised_non_default_choices"] = m.Choices.Count(c => c != 0),
                ["minimise_replays"] = minimised.Replays,
                ["trace_file"] = tracePath,
                ["trace"] = m.Lines.Select(l => l.ToString()).ToList(),
            };
            output.WriteLine(JsonSerializer.Serialize(Summary(scenario, o, run, elapsed, rate, violation), JsonOptions));
        }
        else
        {
            output.WriteLine(Header(scenario, o, run, elapsed, rate));
            output.WriteLine($"violation in schedule {f.Index} (seed {scheduleSeed}): {first}");
            output.WriteLine($"fault plan: {FaultPlanText.Of(f.Outcome.Faults)}");
            output.WriteLine($"minimised trace ({finding.Step} scheduler steps, {m.Choices.Count(c => c != 0)} non-default choices, {minimised.Replays} replays): {finding.Invariant}");
            output.Write(TraceRendering.Text(m.Lines, finding));
            output.WriteLine($"trace saved to {tracePath}; replay: hotplug stress --replay {tracePath}");
        }

        return 1;
    }

    private static int Replay(string tracePath, StressOptions o, TextWriter output)
    {
        if (!File.Exists(tracePath))
        {
            throw new FormatException($"--replay {tracePath}: {(Directory.Exists(tracePath) ? "is a directory, not a trace file" : "no such trace file")}");
        }

        var trace = StressTrace.Parse(File.ReadAllText(tracePath), tracePath);
        if (trace.Model != RunCommand.ModelVersion)
        {
            throw new FormatException($"{tracePath}: recorded by model version {trace.Model}, this is {RunCommand.ModelVersion}: schedules of another model do not replay; run the search again");
        }

        var scenario = Load(trace.Scenario, [.. trace.Overrides, .. o.Sets]);
        if (scenario.Identity != trace.ScenarioIdentity)
        {
            throw new FormatException($"{tracePath}: recorded for {trace.Scenario} with identity {trace.ScenarioIdentity}, but that scenario now has identity {scenario.Identity} (its host, lanes, faults or expectations changed): the trace belongs to another scenario");
        }

        if (!Enum.TryParse<StrategyKind>(trace.Strategy, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new FormatException($"{tracePath}: strategy '{trace.Strategy}' is not one of {string.Join(", ", Enum.GetNames<StrategyKind>().Select(n => n.ToLowerInvariant()))}");
        }

        var explorer = new Explorer(scenario, (o with { Only = o.Only ?? trace.Only, Check = trace.Check ?? o.Check }).Settings(kind, trace.Depth, trace.RunSeed));
        ScheduleOutcome outcome;
        try
        {
            outcome = explorer.Replay(trace.Choices, trace.ScheduleSeed, strict: true, detail: true);
        }
        catch (ScheduleDivergedException e)
        {
            output.WriteLine($"{tracePath}: {e.Message}");
            return 2;
        }

        if (outcome.Finding is not { } finding)
        {
            output.WriteLine($"{tracePath}: the trace no longer fails: the run made {outcome.Steps} steps and every invariant held (it recorded {trace.Invariant} after step {trace.Step})");
            return 0;
        }

        if (finding.Invariant != trace.Invariant || finding.Step != trace.Step)
        {
            output.WriteLine($"{tracePath}: the trace diverged at step {Math.Min(finding.Step, trace.Step)}: it recorded {trace.Invariant} after step {trace.Step}, the replay found {finding.Invariant} after step {finding.Step}");
        }
        else
        {
            output.WriteLine($"replayed {tracePath}: {finding}");
        }

        output.Write(TraceRendering.Text(outcome.Lines, finding));
        if (o.Diagram is { } diagramPath)
        {
            OutputFile.WriteText(diagramPath, TraceRendering.Mermaid(outcome.Lines, finding, $"{Path.GetFileName(trace.Scenario)}: {finding.Invariant}"));
        }

        return 1;
    }

    /// <summary>
    /// Runs schedules 0..count-1 in batches spread over the cores; after each batch, the lowest failing index (so the
    /// answer does not depend on thread timing: every earlier batch had none); null when none fails.
    /// </summary>
    private static int? FirstViolation(Explorer explorer, int count, Action<int> progress)
    {
        var workers = Environment.ProcessorCount;
        var batch = Math.Max(64, workers * 32);
        for (var start = 0; start < count; start += batch)
        {
            var end = Math.Min(count, start + batch);
            var outcomes = new ScheduleOutcome[end - start];
            Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => outcomes[i - start] = explorer.Run(i));
            progress(end);
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].Finding is not null)
                {
                    return start + i;
                }
            }
        }

        return null;
    }

    private static int? RunWithProgress(int count, Func<Action<int>, int?> search)
    {
        int? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("schedules", maxValue: count);
                result = search(done => task.Value = done);
                task.Value = count;
            });
        return result;
    }

    private static bool ShowProgress(StressOptions o, TextWriter output) =>
        !o.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static string Header(StressScenario scenario, StressOptions o, int run, double elapsed, double rate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"stress {scenario.Source}: {scenario.Lanes.Count} lanes, strategy {o.Strategy}{(o.Strategy == "pct" ? $" (depth {o.Depth})" : "")}, seed {o.Seed}\n{run} schedules in {elapsed:F2} s ({rate:F0} schedules/s)");

    private static Dictionary<string, object?> Summary(StressScenario scenario, StressOptions o, int run, double elapsed, double rate, object? violation) => new()
    {
        ["scenario"] = scenario.Source,
        ["lanes"] = scenario.Lanes.Count,
        ["strategy"] = o.Strategy,
        ["depth"] = o.Depth,
        ["seed"] = o.Seed,
        ["check"] = o.Check,
        ["schedules_requested"] = o.Schedules,
        ["schedules_run"] = run,
        ["elapsed_s"] = Math.Round(elapsed, 3),
        ["schedules_per_s"] = Math.Round(rate, 1),
        ["gc_gen0size"] = GcBudget.Current,
        ["gc_loh_threshold"] = GcBudget.LohThreshold,
        ["jit_pgo"] = GcBudget.Pgo,
        ["violation"] = violation,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private sealed record StressOptions(
        int Schedules, string Strategy, int Depth, long Seed, bool Json, string? Diagram, string? TraceOut, string Check, IReadOnlyList<string> Sets,
        IReadOnlyList<string>? Only)
    {
        public ExplorationSettings Settings(StrategyKind kind, int depth, long seed) => ExplorationSettings.Of(kind, depth, seed, Check, Only);
    }
}
