using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug bench actors [--quick] [--json]</c>: message throughput of both dispatchers against their baselines and
/// Akka.NET on the same shapes, and spawn rate and memory per idle actor; every figure is a median with its min and max.
/// </summary>
internal static class BenchActorsCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Short runs and 100k actors spawned (two to three minutes on two busy cores)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var scale = new Option<double?>("--scale") { Description = "Scale on every message count (for tests).", Hidden = true };
        var spawn = new Option<int?>("--spawn") { Description = "Actors spawned per spawn figure (for tests).", Hidden = true };
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0)
            {
                result.AddError("--scale must be positive.");
            }
        });
        spawn.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--spawn must be at least 1.");
            }
        });
        var command = new Command("actors", "Benchmark the actor runtime against its baselines and Akka.NET: ping-pong, fan-out, spawning idle actors.");
        command.Options.Add(quick);
        command.Options.Add(json);
        command.Options.Add(scale);
        command.Options.Add(spawn);
        command.SetAction(parse =>
        {
            var sizes = parse.GetValue(quick) ? ActorBenchSizes.Quick : ActorBenchSizes.Full;
            sizes = sizes with { Scale = parse.GetValue(scale) ?? sizes.Scale, SpawnCount = parse.GetValue(spawn) ?? sizes.SpawnCount };
            var result = ActorBench.Run(sizes);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? ToJson(result, LoadAverage()) : ToText(result, LoadAverage()));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One object: every figure as <c>key</c> (the median), <c>key_min</c> and <c>key_max</c> (rates, bytes and the deterministic
    /// dispatcher's ratio to its baseline), then <c>runs</c>, <c>pairs</c>,
    /// <c>spawn_count</c> and, where Linux reports it, <c>load_average_1m</c> when the run ended.
    /// </summary>
    internal static string ToJson(ActorBenchResult r, double? load)
    {
        var json = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, figure) in r.Figures)
        {
            figure.AddTo(json, key, Decimals(key));
        }

        json["runs"] = r.Runs;
        json["pairs"] = r.Pairs;
        json["spawn_count"] = r.SpawnCount;
        if (load is { } l)
        {
            json["load_average_1m"] = l;
        }

        return JsonSerializer.Serialize(json);
    }

    internal static string ToText(ActorBenchResult r, double? load)
    {
        var lines = r.Figures.Select(f => $"{f.Key,-42} {Format(f.Key, f.Value.Median),14}   (min {Format(f.Key, f.Value.Min)}, max {Format(f.Key, f.Value.Max)})").ToList();
        lines.Add($"{r.Runs} runs per figure, {r.Pairs} ping-pong pairs, {r.SpawnCount:N0} actors per spawn" + (load is { } l ? $", load average {l:F2}" : ""));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Format(string key, double value) =>
        value.ToString(key == ActorBench.DetRatioKey ? "N3" : value < 10_000 ? "N1" : "N0", CultureInfo.InvariantCulture);

    /// <summary>Decimals a figure keeps in JSON: six for the ratio (a tiny run preempted on a loaded machine can give well under
    /// 0.001, which must not round to zero), one for bytes, none for rates.</summary>
    private static int Decimals(string key) => key == ActorBench.DetRatioKey ? 6 : key.Contains("bytes", StringComparison.Ordinal) ? 1 : 0;

    /// <summary>The one-minute load average from /proc/loadavg, or null where there is none.</summary>
    internal static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
