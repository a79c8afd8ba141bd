using Xunit;
using static HotplugCluster.Cli.Tests.Commands.BenchCli;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug bench actors</c> run end to end on tiny sizes: ours and Akka.NET's keys, each a real median between its min and max.</summary>
public sealed class BenchActorsCommandTests
{
    private static readonly string[] Figures =
    [
        "det_msgs_per_s", "det_baseline_msgs_per_s", "par_msgs_per_s", "par_baseline_msgs_per_s", "akka_msgs_per_s",
        "par_window_msgs_per_s", "akka_window_msgs_per_s", "det_fanout_msgs_per_s", "det_fanout_baseline_msgs_per_s",
        "akka_fanout_msgs_per_s", "spawn_per_s", "akka_spawn_per_s", "spawn_1000_parents_per_s", "akka_spawn_1000_parents_per_s",
        "bytes_per_idle_actor", "akka_bytes_per_idle_actor", "bytes_per_idle_actor_1000_parents", "akka_bytes_per_idle_actor_1000_parents",
        "det_to_baseline_ratio",
    ];

    // One run serves every assertion: even tiny, it spawns actors on two runtimes several times.
    private static readonly Lazy<(int Code, string Output)> Tiny = new(() => Run(["bench", "actors", "--quick", "--json", "--scale", "0.0005", "--spawn", "10000"]));

    [Fact]
    public void An_akka_system_is_shut_down_only_once_its_actors_have_stopped()
    {
        var system = HotplugCluster.Bench.Akka.AkkaIdleActors.Spawn(1_000, 10);
        HotplugCluster.Bench.Akka.AkkaIdleActors.Shutdown(system);

        Assert.True(system.WhenTerminated.IsCompleted);

        // Terminate completes when the coordinated shutdown's last phase does, and that phase gives up after its timeout
        // with actors still stopping (10 s by default, less than 1M idle actors take): it waits as long as Shutdown does.
        var phase = system.Settings.Config.GetTimeSpan("akka.coordinated-shutdown.phases.actor-system-terminate.timeout", null, allowInfinite: true);
        Assert.Equal(HotplugCluster.Bench.Akka.AkkaIdleActors.TerminateLimit, phase);
    }

    [Fact]
    public void Json_has_every_figure_with_min_and_max_and_the_run_count()
    {
        var (code, output) = Tiny.Value;

        Assert.Equal(0, code);
        var figures = Parse(output);
        Assert.All(Figures, key => Assert.True(figures[key] > 0 && figures[$"{key}_min"] > 0 && figures[$"{key}_max"] > 0, $"{key} is not positive"));
        Assert.True(figures["runs"] >= 5);
        Assert.Equal(10_000, figures["spawn_count"]);
    }

    [Fact]
    public void Every_figure_is_a_median_between_its_min_and_max()
    {
        var figures = Parse(Tiny.Value.Output);

        Assert.All(Figures, key => Assert.True(
            figures[$"{key}_min"] <= figures[key] && figures[key] <= figures[$"{key}_max"],
            $"{key}: min {figures[$"{key}_min"]}, median {figures[key]}, max {figures[$"{key}_max"]}"));
    }

    [Theory]
    [InlineData("--scale", "0", "--scale must be positive.")]
    [InlineData("--spawn", "0", "--spawn must be at least 1.")]
    public void Size_out_of_range_is_an_error(string option, string value, string message)
    {
        var (code, output) = Run(["bench", "actors", option, value]);

        Assert.NotEqual(0, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
