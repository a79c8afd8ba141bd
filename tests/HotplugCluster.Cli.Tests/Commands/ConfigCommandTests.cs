using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug config show</c>, checked against golden files in tests/HotplugCluster.Cli.Tests/Golden/config-*.</summary>
public sealed class ConfigCommandTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string GoldenDir = Path.Combine(RepoRoot, "tests", "HotplugCluster.Cli.Tests", "Golden");
    private static readonly ConfigResolveOptions NoEnvironment = new() { UseEnvironment = false };

    [Theory]
    [InlineData("config-show.txt", 0, new[] { "config", "show" })]
    [InlineData("config-show-json.txt", 0, new[] { "config", "show", "--json" })]
    [InlineData("config-show-origin.txt", 0, new[] { "config", "show", "--origin" })]
    [InlineData("config-show-file-origin.txt", 0, new[] { "config", "show", "GOLDEN/config-app.conf", "--set", "hotplug.actors.seed=42", "--set", "hotplug.actors.strategy = random", "--origin" })]
    [InlineData("config-show-file-json-origin.txt", 0, new[] { "config", "show", "GOLDEN/config-app.conf", "--json", "--origin" })]
    [InlineData("config-show-bad-file.txt", 2, new[] { "config", "show", "GOLDEN/config-bad.conf" })]
    [InlineData("config-show-bad-set.txt", 2, new[] { "config", "show", "--set", "hotplug.actors.seed" })]
    [InlineData("config-show-unresolved.txt", 2, new[] { "config", "show", "--set", "hotplug.actors.seed=${no.such.setting}" })]
    [InlineData("config-show-missing-file.txt", 2, new[] { "config", "show", "GOLDEN/nope.conf" })]
    public void Show_prints_golden_output(string golden, int exitCode, string[] args)
    {
        var (code, output) = Run(args.Select(a => a.Replace("GOLDEN", GoldenDir, StringComparison.Ordinal)).ToArray());
        var normalized = output.Replace(GoldenDir, "GOLDEN", StringComparison.Ordinal);
        var path = Path.Combine(GoldenDir, golden);
        if (Environment.GetEnvironmentVariable("HOTPLUG_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalized);
        }

        Assert.Equal(File.ReadAllText(path), normalized);
        Assert.Equal(exitCode, code);
    }

    [Fact]
    public void Show_output_parses_back_to_the_same_configuration()
    {
        var (_, hocon) = Run(["config", "show"]);
        var (_, json) = Run(["config", "show", "--json"]);
        var reference = ReferenceConfig.Load(NoEnvironment);
        Assert.Equal(reference.ToJson(), ConfigFactory.ParseString(hocon).Resolve(NoEnvironment).ToJson());
        Assert.Equal(reference.ToJson(), ConfigFactory.ParseString(json).Resolve(NoEnvironment).ToJson());
    }

    [Fact]
    public void Embedded_reference_conf_is_the_file_in_the_repository() =>
        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot, "config", "reference.conf")), ReferenceConfig.Text);

    [Fact]
    public void Settings_readers_accept_reference_conf_alone()
    {
        var reference = ReferenceConfig.Load(NoEnvironment);
        Assert.Equal(new ActorsConfig("deterministic", 30, 1, "fifo", TimeSpan.FromSeconds(5), RecordTrace: true), ActorsConfig.FromConfig(reference));
        Assert.Equal(new JournalConfig("Data Source=data/hotplug.db"), JournalConfig.FromConfig(reference));
    }

    [Theory]
    [InlineData("hotplug.actors.dispatcher = fast", "--set:1:29: hotplug.actors.dispatcher: expected deterministic or parallel, found fast")]
    [InlineData("hotplug.actors.throughput = 0", "--set:1:29: hotplug.actors.throughput: expected at least 1, found 0")]
    [InlineData("hotplug.actors.strategy = lifo", "--set:1:27: hotplug.actors.strategy: expected fifo or random, found lifo")]
    [InlineData("hotplug.actors.ask-timeout = 0s", "--set:1:30: hotplug.actors.ask-timeout: expected a positive duration, found 00:00:00")]
    [InlineData("hotplug.actors.ask-timeout = soon", "--set:1:30: hotplug.actors.ask-timeout: expected a duration (e.g. 10us, 5s, 2 minutes), found the string \"soon\"")]
    [InlineData("hotplug.actors.dispatcher = parallel", "config/reference.conf:19:20: hotplug.actors.record-trace: expected off with the parallel dispatcher (only the deterministic dispatcher records a trace)")]
    [InlineData("hotplug.actors.seed = many", "--set:1:23: hotplug.actors.seed: expected a whole number, found the string \"many\"")]
    public void ActorsConfig_fails_at_the_origin_of_an_invalid_value(string setting, string message)
    {
        var config = ConfigLoader.Load(null, [setting], NoEnvironment);
        Assert.Equal(message, Assert.Throws<HoconException>(() => ActorsConfig.FromConfig(config)).Message);
    }

    [Fact]
    public void JournalConfig_fails_at_the_origin_of_an_empty_connection_string()
    {
        var config = ConfigLoader.Load(null, ["hotplug.journal.connection-string = \"\""], NoEnvironment);
        Assert.StartsWith("--set:1:37: hotplug.journal.connection-string: expected a SQLite", Assert.Throws<HoconException>(() => JournalConfig.FromConfig(config)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_set_overrides_win_and_can_append()
    {
        var config = ConfigLoader.Load(null, ["hotplug.actors.seed = 1", "hotplug.actors.seed = 2", "hotplug.host.kernel.bugs += a", "hotplug.host.kernel.bugs += b"], NoEnvironment);
        Assert.Equal(2, config.GetLong("hotplug.actors.seed"));
        Assert.Equal(["a", "b"], config.GetStringList("hotplug.host.kernel.bugs"));
        Assert.Equal("--set[2]:1:23", config.GetOrigin("hotplug.actors.seed").ToString());
    }

    private static (int ExitCode, string Output) Run(string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }
}
