using System.CommandLine;
using System.Text;
using System.Text.Json;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Simulation.Journal;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug journal list|show|export</c>: what runs a journal holds and what happened in them.</summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var journal = new Command("journal", "Inspect recorded runs in a journal.");
        journal.Subcommands.Add(CreateList());
        journal.Subcommands.Add(CreateShow());
        journal.Subcommands.Add(CreateExport());
        return journal;
    }

    private static Command CreateList()
    {
        var journalOption = JournalOptions.Create();
        var json = new Option<bool>("--json") { Description = "One JSON object per run." };
        var list = new Command("list", "List the runs in the journal with their scenario, seed, strategy and event count.");
        list.Options.Add(journalOption);
        list.Options.Add(json);
        list.SetAction(parse => Guard(parse, runs =>
        {
            var output = parse.InvocationConfiguration.Output;
            var all = runs.Runs();
            if (parse.GetValue(json))
            {
                foreach (var listing in all)
                {
                    output.WriteLine(listing.Summary is { } run
                        ? JsonSerializer.Serialize(new
                        {
                            run = run.Started.RunId,
                            command = run.Started.Command,
                            source = run.Started.Source,
                            seed = run.Started.Seed,
                            strategy = run.Started.Strategy,
                            events = run.Events,
                            outcome = run.Finished?.Outcome,
                            started = run.Started.StartedUtc,
                        })
                        : JsonSerializer.Serialize(new { run = listing.RunId, damaged = listing.Damage }));
                }

                return 0;
            }

            if (all.Count == 0)
            {
                output.WriteLine("no runs");
                return 0;
            }

            output.WriteLine($"{"RUN",-24} {"COMMAND",-7} {"SEED",6} {"STRATEGY",-8} {"EVENTS",7}  {"STARTED",-20} SOURCE / OUTCOME");
            foreach (var listing in all)
            {
                if (listing.Summary is not { } run)
                {
                    output.WriteLine($"{listing.RunId,-24} damaged: {listing.Damage}");
                    continue;
                }

                var s = run.Started;
                output.WriteLine($"{s.RunId,-24} {s.Command,-7} {s.Seed,6} {s.Strategy,-8} {run.Events,7}  {s.StartedUtc,-20} {s.Source} / {run.Finished?.Outcome ?? Unfinished}");
            }

            return 0;
        }, journalOption));
        return list;
    }

    // A run without its RunFinished is being recorded now, or its recording was stopped (killed, journal lost).
    private const string Unfinished = "unfinished (running, or stopped before its end)";

    private static Command CreateShow()
    {
        var journalOption = JournalOptions.Create();
        var runArgument = new Argument<string>("RUN") { Description = "The run id (see journal list)." };
        var from = new Option<long>("--from") { Description = "First event number to show (from 1).", DefaultValueFactory = _ => 1 };
        var to = new Option<long>("--to") { Description = "Last event number to show.", DefaultValueFactory = _ => long.MaxValue };
        var show = new Command("show", "Print a run's metadata and its events in journal order, numbered from 1.");
        show.Arguments.Add(runArgument);
        show.Options.Add(from);
        show.Options.Add(to);
        show.Options.Add(journalOption);
        show.SetAction(parse => Guard(parse, runs =>
        {
            var output = parse.InvocationConfiguration.Output;
            var runId = parse.GetValue(runArgument)!;
            var summary = FindRun(runs, runId);
            var s = summary.Started;
            output.WriteLine($"run {s.RunId}: {s.Command} {s.Source}, seed {s.Seed}, strategy {s.Strategy}, model {s.ModelVersion}, started {s.StartedUtc}");
            output.WriteLine($"{summary.Events} events, {runs.Schedule(runId).Length} schedule bytes, {(summary.Finished is { } f ? $"{f.Steps} steps, {f.Outcome}" : "unfinished")}");
            foreach (var e in runs.Events(runId, parse.GetValue(from), parse.GetValue(to)))
            {
                output.WriteLine($"{e.Index,6} {e.Repr.PersistenceId}#{e.Repr.SequenceNr} {Render(e.Event)}");
            }

            return 0;
        }, journalOption));
        return show;
    }

    private static Command CreateExport()
    {
        var journalOption = JournalOptions.Create();
        var runArgument = new Argument<string>("RUN") { Description = "The run id (see journal list)." };
        var outFile = new Option<string?>("--out") { Description = "Write the JSON lines to this file instead of standard output." };
        var export = new Command("export", "Render a run's events as JSON lines: index, ordering, persistence id, sequence number, manifest, timestamp, event.");
        export.Arguments.Add(runArgument);
        export.Options.Add(outFile);
        export.Options.Add(journalOption);
        export.SetAction(parse => Guard(parse, runs =>
        {
            var runId = parse.GetValue(runArgument)!;
            FindRun(runs, runId);
            var events = runs.Events(runId);
            if (parse.GetValue(outFile) is { } path)
            {
                OutputFile.Write(path, stream =>
                {
                    foreach (var e in events)
                    {
                        stream.Write(Encoding.UTF8.GetBytes(JsonLine(e) + "\n"));
                    }
                });
                return 0;
            }

            var output = parse.InvocationConfiguration.Output;
            foreach (var e in events)
            {
                output.WriteLine(JsonLine(e));
            }

            return 0;
        }, journalOption));
        return export;
    }

    /// <summary>The run, or a <see cref="RunNotFoundException"/> listing the runs there are.</summary>
    internal static RunSummary FindRun(RunJournal runs, string runId) =>
        runs.Summary(runId) ?? throw new RunNotFoundException(
            $"no run '{runId}' in the journal; runs: {(runs.RunIds() is { Count: > 0 } ids ? string.Join(", ", ids) : "none")}");

    /// <summary>One event as JSON (kernel events field by field).</summary>
    internal static string Render(object evt) =>
        evt is KernelEvent kernel ? EventJson.Of(kernel) : JsonSerializer.Serialize(evt, evt.GetType());

    private static void WriteEvent(object evt, Utf8JsonWriter json)
    {
        if (evt is KernelEvent kernel)
        {
            KernelEventCodecs.WriteJson(kernel, json);
        }
        else
        {
            JsonSerializer.Serialize(json, evt, evt.GetType());
        }
    }

    private static string JsonLine(JournaledEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("index", e.Index);
            json.WriteNumber("ordering", e.Ordering);
            json.WriteString("persistenceId", e.Repr.PersistenceId);
            json.WriteNumber("sequenceNr", e.Repr.SequenceNr);
            json.WriteString("manifest", e.Repr.Manifest);
            json.WriteNumber("timestamp", e.Repr.Timestamp);
            json.WritePropertyName("event");
            WriteEvent(e.Event, json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Opens the journal the option names and runs <paramref name="body"/>; bad input exits 2, journal errors 1.</summary>
    internal static int Guard(ParseResult parse, Func<RunJournal, int> body, Option<string?> journalOption)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var connection = JournalOptions.Resolve(parse.GetValue(journalOption));
            if (Journals.SqliteFile(connection) is { } file && !File.Exists(file))
            {
                // A reader never creates a journal: a mistyped path must not leave an empty one behind.
                error.WriteLine(Directory.Exists(file) ? $"error: {file} is a directory, not a journal" : $"error: no journal at {file}");
                return 2;
            }

            using var store = Journals.OpenForReading(connection);

            // One snapshot for the whole command: a run recording in another process meanwhile is seen as it was.
            using var snapshot = store.ReadSnapshot();
            return body(new RunJournal(store));
        }
        catch (OutputFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (RunNotFoundException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (HoconException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (JournalException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
