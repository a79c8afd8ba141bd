using System.CommandLine;
using System.Globalization;
using System.Reflection;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Simulation.Journal;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug run SCENARIO [--set path=value ...] [--journal PATH|CONNSTRING | --no-journal]</c>: boots the scenario's
/// host as actors on the deterministic dispatcher, runs its operations, prints what happened and the meminfo deltas,
/// and records the run (configuration, seed, every event, the scheduler's choices) in the journal.
/// </summary>
internal static class RunCommand
{
    /// <summary>The simulator build that records a run (its informational version).</summary>
    internal static string ModelVersion { get; } =
        typeof(RunExecution).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static Command Create()
    {
        var file = new Argument<string>("SCENARIO") { Description = "A scenario file: a host { ... } (inline or included) and operations = [ \"shell command\", ... ]." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON: --set host.kernel.memmap-on-memory=off (repeatable)." };
        var journal = JournalOptions.Create();
        var noJournal = new Option<bool>("--no-journal") { Description = "Run without recording anything." };
        var announce = new Option<bool>("--announce-persisted")
        {
            Description = "Print 'persisted ID#SEQ' as each event is stored (crash tests).",
            Hidden = true,
        };
        var command = new Command("run", "Run a scenario on a simulated host, print each operation's output and the per-node meminfo deltas, and record the run.");
        command.Arguments.Add(file);
        command.Options.Add(set);
        command.Options.Add(journal);
        command.Options.Add(noJournal);
        command.Options.Add(announce);
        command.Validators.Add(result =>
        {
            if (result.GetValue(noJournal) && result.GetResult(journal) is { Implicit: false })
            {
                result.AddError("--journal and --no-journal contradict each other: give one");
            }
        });
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var path = parseResult.GetValue(file)!;
                var config = ConfigLoader.Load(path, parseResult.GetValue(set) ?? [], ConfigResolveOptions.Default, SettingsDocument.Scenario);
                var scenario = ScenarioConfig.Read(config, path);
                var actors = ActorsConfig.FromConfig(config);
                Action<string, long>? onPersisted = parseResult.GetValue(announce)
                    ? (pid, seq) =>
                    {
                        output.WriteLine($"persisted {pid}#{seq}");
                        output.Flush();
                    }
                    : null;
                if (parseResult.GetValue(noJournal))
                {
                    var transient = new RunExecution("run", scenario, actors.ToSettings(), null).Execute();
                    output.Write(transient.Result.Render());
                    return 0;
                }

                var connection = JournalOptions.Resolve(parseResult.GetValue(journal), config);
                using var store = Journals.Open(connection);
                var runs = new RunJournal(store);
                var started = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                var runId = runs.StartUnderFreshId(Path.GetFileNameWithoutExtension(path),
                    id => new RunStarted(id, "run", path, config.ToHocon(), actors.Seed, actors.Strategy, ModelVersion, started));
                var outcome = new RunExecution(runId, scenario, actors.ToSettings(), store, onPersisted).Execute();
                runs.WriteSchedule(runId, outcome.Trace);
                var verdict = outcome.Problems.Count == 0 ? "ok" : $"{outcome.Problems.Count} problem(s): {outcome.Problems[0]}";
                runs.Finish(runId, new RunFinished(outcome.Events, outcome.Steps, verdict));
                output.Write(outcome.Result.Render());
                output.WriteLine($"recorded run {runId} in {store.DataSource}: {outcome.Events} events, {outcome.Steps} scheduler steps (hotplug journal show {runId}; hotplug replay {runId} --verify)");
                return 0;
            }
            catch (HoconException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }
            catch (JournalException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (WriteRejectedException e)
            {
                // Another writer holds one of this run's streams: the journal refused to overwrite it.
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
