using System.CommandLine;
using System.Text.Json;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug bench journal</c> run end to end with a tiny event count: its JSON keys and that every figure is real.</summary>
public sealed class BenchJournalCommandTests
{
    private const string PostgresVariable = "HOTPLUG_TEST_POSTGRES";

    [Fact]
    public void Quick_json_has_the_documented_keys_and_positive_figures()
    {
        var (code, output) = Run(["bench", "journal", "--quick", "--json", "--events", "2500"]);

        Assert.Equal(0, code);
        var figures = Parse(output);
        Assert.Equal(["events", "recovery_events_per_s", "replay_events_per_s", "runs_per_figure", "sqlite_raw_insert_rows_per_s", "sqlite_write_events_per_s"], figures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2500, figures["events"]);
        Assert.All(figures.Values, value => Assert.True(value > 0, $"figure {value} is not positive"));
    }

    [Fact]
    public void Postgres_figure_appears_only_with_a_server()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            // Without a server the option is simply not given; the key must then be absent.
            Assert.DoesNotContain("postgres_write_events_per_s", Parse(Run(["bench", "journal", "--json", "--events", "10"]).Output).Keys);
            return;
        }

        var (code, output) = Run(["bench", "journal", "--json", "--events", "1200", "--postgres", server]);

        Assert.Equal(0, code);
        Assert.True(Parse(output)["postgres_write_events_per_s"] > 0);
        Assert.True(Parse(output)["postgres_replay_events_per_s"] > 0);
    }

    [Fact]
    public void Table_output_names_every_figure()
    {
        var (code, output) = Run(["bench", "journal", "--events", "10"]);

        Assert.Equal(0, code);
        Assert.Equal(["events", "recovery_events_per_s", "replay_events_per_s", "runs_per_figure", "sqlite_raw_insert_rows_per_s", "sqlite_write_events_per_s"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Events_below_one_is_an_error(string events)
    {
        var (code, output) = Run(["bench", "journal", "--events", events]);

        Assert.NotEqual(0, code);
        Assert.Contains("--events must be at least 1.", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, double> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? throw new InvalidOperationException($"not a JSON object: {json}");

    private static (int ExitCode, string Output) Run(string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
