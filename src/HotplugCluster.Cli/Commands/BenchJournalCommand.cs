using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HotplugCluster.Bench.Journal;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug bench journal [--quick] [--json] [--postgres CONNSTRING]</c>: journal write and replay throughput.</summary>
internal static class BenchJournalCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "200k events per measurement instead of 1M; Akka.Persistence.Sql with 200 actors x 25 events instead of 1000 x 100." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var postgres = new Option<string?>("--postgres") { Description = "Also measure PostgreSQL (ours and Akka.Persistence.Sql) on this Npgsql connection string." };
        var events = new Option<int?>("--events") { Description = "Events per measurement (overrides --quick; for tests).", Hidden = true };
        var akkaActors = new Option<int?>("--akka-actors") { Description = "Akka.Persistence.Sql's persistent actors (for tests).", Hidden = true };
        var akkaEvents = new Option<int?>("--akka-events") { Description = "Events per Akka.Persistence.Sql actor (for tests).", Hidden = true };
        foreach (var option in new[] { events, akkaActors, akkaEvents })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("journal", "Measure journal writes (batched and a bare INSERT baseline), replay and recovery beside Akka.Persistence.Sql, and optionally PostgreSQL.");
        command.Options.Add(quick);
        command.Options.Add(json);
        command.Options.Add(postgres);
        command.Options.Add(events);
        command.Options.Add(akkaActors);
        command.Options.Add(akkaEvents);
        command.SetAction(parse =>
        {
            var count = parse.GetValue(events) ?? JournalBench.DefaultEvents(parse.GetValue(quick));
            var akka = JournalBench.DefaultAkkaShape(parse.GetValue(quick));
            akka = (parse.GetValue(akkaActors) ?? akka.Actors, parse.GetValue(akkaEvents) ?? akka.Events);
            var results = JournalBench.Run(count, akka, parse.GetValue(postgres), Path.Combine(Path.GetTempPath(), "hotplug-bench"));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(results));
            }
            else
            {
                foreach (var (key, value) in results)
                {
                    output.WriteLine($"{key,-32} {value.ToString("N0", CultureInfo.InvariantCulture),14}");
                }
            }

            return 0;
        });
        return command;
    }
}
