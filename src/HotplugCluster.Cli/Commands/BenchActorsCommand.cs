using System.CommandLine;
using System.Text.Json;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug bench actors [--quick] [--json]</c>: message throughput of both dispatchers against their baselines, and memory per idle actor.</summary>
internal static class BenchActorsCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Short runs (under 30 s on two cores)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("actors", "Benchmark the actor runtime: deterministic and parallel dispatchers, bytes per idle actor.");
        command.Options.Add(quick);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var result = ActorBench.Run(parseResult.GetValue(quick));
            Console.Out.WriteLine(parseResult.GetValue(json) ? ToJson(result) : ToText(result));
            return 0;
        });
        return command;
    }

    internal static string ToJson(ActorBenchResult r)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("det_msgs_per_s", Math.Round(r.DetMsgsPerS));
            writer.WriteNumber("det_baseline_msgs_per_s", Math.Round(r.DetBaselineMsgsPerS));
            writer.WriteNumber("par_msgs_per_s", Math.Round(r.ParMsgsPerS));
            writer.WriteNumber("par_baseline_msgs_per_s", Math.Round(r.ParBaselineMsgsPerS));
            writer.WriteNumber("bytes_per_idle_actor", Math.Round(r.BytesPerIdleActor, 1));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string ToText(ActorBenchResult r) => string.Join(
        Environment.NewLine,
        $"deterministic dispatcher   {r.DetMsgsPerS / 1e6,8:F1} M msgs/s   ({r.DetMsgsPerS / r.DetBaselineMsgsPerS:F2}x of bare-queue baseline {r.DetBaselineMsgsPerS / 1e6:F1} M msgs/s)",
        $"parallel dispatcher        {r.ParMsgsPerS / 1e6,8:F1} M msgs/s   ({r.ParMsgsPerS / r.ParBaselineMsgsPerS:F2}x of channel baseline {r.ParBaselineMsgsPerS / 1e6:F1} M msgs/s)",
        $"idle actor (1M)            {r.BytesPerIdleActor,8:F1} bytes");
}
