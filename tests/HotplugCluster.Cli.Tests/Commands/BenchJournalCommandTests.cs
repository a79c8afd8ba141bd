using Xunit;
using static HotplugCluster.Cli.Tests.Commands.BenchCli;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug bench journal</c> run end to end with a tiny event count: its JSON keys (ours and Akka.Persistence.Sql's, each with min and max) and that every figure is real.</summary>
public sealed class BenchJournalCommandTests
{
    private const string PostgresVariable = "HOTPLUG_TEST_POSTGRES";

    private static readonly string[] Figures =
        ["akka_sql_recovery_events_per_s", "akka_sql_write_events_per_s", "recovery_events_per_s", "replay_events_per_s", "sqlite_raw_insert_rows_per_s", "sqlite_write_events_per_s"];

    private static readonly string[] PostgresFigures =
        ["akka_postgres_recovery_events_per_s", "akka_postgres_write_events_per_s", "postgres_recovery_events_per_s", "postgres_replay_events_per_s", "postgres_write_events_per_s"];

    private static readonly string[] Keys =
        [.. Figures.SelectMany(f => new[] { f, $"{f}_max", $"{f}_min" }), "akka_sql_actors", "akka_sql_events_per_actor", "events", "runs_per_figure"];

    private static readonly string[] Tiny = ["--events", "2500", "--akka-actors", "4", "--akka-events", "3"];

    [Fact]
    public void Quick_json_has_the_documented_keys_and_positive_figures()
    {
        var (code, output) = Run(["bench", "journal", "--quick", "--json", .. Tiny]);

        Assert.Equal(0, code);
        var figures = Parse(output);
        Assert.Equal(Keys.Order(StringComparer.Ordinal), figures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2500, figures["events"]);
        Assert.Equal(4, figures["akka_sql_actors"]);
        Assert.Equal(3, figures["akka_sql_events_per_actor"]);
        Assert.True(figures["runs_per_figure"] >= 5);
        Assert.All(figures.Values, value => Assert.True(value > 0, $"figure {value} is not positive"));
    }

    [Fact]
    public void Every_figure_is_a_median_between_its_min_and_max()
    {
        var figures = Parse(Run(["bench", "journal", "--json", .. Tiny]).Output);

        Assert.All(Figures, key => Assert.True(
            figures[$"{key}_min"] <= figures[key] && figures[key] <= figures[$"{key}_max"],
            $"{key}: min {figures[$"{key}_min"]}, median {figures[key]}, max {figures[$"{key}_max"]}"));
    }

    [Fact]
    public void Postgres_figures_appear_only_with_a_server_each_a_median_between_its_min_and_max()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            // Without a server the option is simply not given; the key must then be absent.
            Assert.DoesNotContain("postgres_write_events_per_s", Parse(Run(["bench", "journal", "--json", .. Tiny]).Output).Keys);
            return;
        }

        var (code, output) = Run(["bench", "journal", "--json", .. Tiny, "--postgres", server]);

        Assert.Equal(0, code);
        var figures = Parse(output);
        Assert.All(PostgresFigures, key => Assert.True(
            0 < figures[$"{key}_min"] && figures[$"{key}_min"] <= figures[key] && figures[key] <= figures[$"{key}_max"],
            $"{key}: min {figures[$"{key}_min"]}, median {figures[key]}, max {figures[$"{key}_max"]}"));
    }

    [Fact]
    public void Table_output_names_every_figure()
    {
        var (code, output) = Run(["bench", "journal", .. Tiny]);

        Assert.Equal(0, code);
        Assert.Equal(Keys.Order(StringComparer.Ordinal), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]));
    }

    [Theory]
    [InlineData("--events", "0")]
    [InlineData("--events", "-5")]
    [InlineData("--akka-actors", "0")]
    [InlineData("--akka-events", "-1")]
    public void Size_below_one_is_an_error(string option, string value)
    {
        var (code, output) = Run(["bench", "journal", option, value]);

        Assert.NotEqual(0, code);
        Assert.Contains($"{option} must be at least 1.", output, StringComparison.Ordinal);
    }
}
