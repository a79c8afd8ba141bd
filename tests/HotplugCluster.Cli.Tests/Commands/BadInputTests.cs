using System.CommandLine;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// Every command and subcommand of <see cref="Program.BuildRoot"/> (so a new verb is walked without editing this file),
/// given bad arguments a user types: missing files, folders where files go, numbers that are not numbers or are out of
/// range, values outside an option's choices. Each must end in an <c>error:</c> line and exit 2 (bad input), never a .NET
/// stack trace. The second half is the table of cases seen on main, each with the message and exit code it gives now.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-bad-input-").FullName;

    public static TheoryData<string> Walk()
    {
        var data = new TheoryData<string>();
        // Distinct: a required option's bad value can equal an argument's (exec's --host), and xunit skips duplicate rows with a warning.
        foreach (var joined in Leaves(Program.BuildRoot(), []).SelectMany(leaf => BadArguments(leaf.Path, leaf.Command)).Select(args => string.Join('\u001f', args)).Distinct())
        {
            data.Add(joined);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Walk))]
    public void Command_gives_one_clear_error_and_no_stack_trace_when_an_argument_is_bad(string joined)
    {
        var args = joined.Split('\u001f').Select(a => a.Replace("TMP", _dir, StringComparison.Ordinal)).ToArray();
        var (code, output) = CliRunner.Run(args);
        AssertClean(args, code, output);
        Assert.True(code == Dispatch.BadInput, $"hotplug {string.Join(' ', args)}: every argument here is the user's to correct, so the exit is 2, found {code}:\n{output}");
    }

    [Theory]
    [InlineData("journal export RUN --out TMP --journal TMP/j.db", "is a directory; name a file", Dispatch.BadInput)]
    [InlineData("journal export RUN --out TMP/missing/x.jsonl --journal TMP/j.db", "does not exist", Dispatch.BadInput)]
    [InlineData("journal list --journal TMP/typo.db", "no journal at TMP/typo.db", Dispatch.BadInput)]
    [InlineData("journal show r --journal TMP", "is a directory, not a journal", Dispatch.BadInput)]
    [InlineData("replay r --journal TMP/typo.db", "no journal at TMP/typo.db", Dispatch.BadInput)]
    [InlineData("journal list --journal postgres://u@localhost:99999/db", "is not a valid postgres://", Dispatch.BadInput)]
    [InlineData("fleet ROOT/config/fleets/smoke.conf --out TMP/file.txt", "is a file; name a folder", Dispatch.BadInput)]
    [InlineData("fleet ROOT/config/fleets/smoke.conf --out /proc/hotplug-out", "cannot write there", Dispatch.BadInput)]
    [InlineData("fleet ROOT/config/fleets/smoke.conf --parallelism -1", "--parallelism must be 0 or more, found -1", Dispatch.BadInput)]
    [InlineData("run ROOT/config/scenarios/quickstart.conf --journal TMP/j.db --no-journal", "--journal and --no-journal contradict each other", Dispatch.BadInput)]
    [InlineData("stress ROOT/config/scenarios/stress/offline-pcplist.conf --invariant zone-acounting", "unknown name 'zone-acounting' (did you mean zone-accounting?", Dispatch.BadInput)]
    [InlineData("stress --replay TMP/bad-strategy.trace.json", "strategy 'sideways' is not one of", Dispatch.BadInput)]
    [InlineData("stress --replay TMP", "is a directory, not a trace file", Dispatch.BadInput)]
    [InlineData("sysfs --host ROOT/config/hosts/small-cxl.conf --set host.kernel.memmap-on-memroy=on --script /dev/null", "host.kernel.memmap-on-memroy: unknown setting (did you mean memmap-on-memory?)", Dispatch.BadInput)]
    [InlineData("sysfs --host ROOT/config/hosts/small-cxl.conf --set host.kernel.nonsense=1 --script /dev/null", "host.kernel.nonsense: unknown setting", Dispatch.BadInput)]
    [InlineData("sysfs --host ROOT/config/hosts/small-cxl.conf --script TMP", "is a directory, not a script", Dispatch.BadInput)]
    [InlineData("fleet ROOT/config/fleets/smoke.conf --set fleet.timeline=[{op=reclaim,fraktion=1}]", "fleet.timeline[0].fraktion: unknown setting (did you mean fraction?)", Dispatch.BadInput)]
    [InlineData("config show --set fleet.classes=[{workload{fill{distribution=uniform,mn=0}}}]", "fleet.classes[0].workload.fill.mn: unknown setting (did you mean min?)", Dispatch.BadInput)]
    [InlineData("config show --set nonsense=1", "nonsense: unknown setting", Dispatch.BadInput)]
    [InlineData("config show --set host.pmem-devices=[{capacity=1GiB,target-node=0,mapp=dev}]", "host.pmem-devices[0].mapp: unknown setting (did you mean map?)", Dispatch.BadInput)]
    [InlineData("sysfs --host ROOT/config/hosts/small-cxl.conf --script ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh", "the command failed", Dispatch.Failure)]
    public void Bad_input_seen_on_main_gives_its_clear_error_and_exit_code(string line, string expected, int exitCode)
    {
        File.WriteAllText(Path.Combine(_dir, "file.txt"), "x");
        File.WriteAllText(Path.Combine(_dir, "bad-strategy.trace.json"),
            File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "tests", "HotplugCluster.Cli.Tests", "Golden", "behaviour", "stress-trace.json"))
                .Replace("\"strategy\": \"pct\"", "\"strategy\": \"sideways\"", StringComparison.Ordinal)
                .Replace("MODEL", Cli.Commands.RunCommand.ModelVersion, StringComparison.Ordinal).Replace("ROOT", CliRunner.RepoRoot, StringComparison.Ordinal));
        if (line.Contains("RUN", StringComparison.Ordinal))
        {
            var (recorded, text) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--journal", Path.Combine(_dir, "j.db"));
            Assert.Equal(0, recorded);
            line = line.Replace("RUN", System.Text.RegularExpressions.Regex.Match(text, @"recorded run (\S+)").Groups[1].Value, StringComparison.Ordinal);
        }

        var args = line.Split(' ').Select(a => a.Replace("TMP", _dir, StringComparison.Ordinal)).ToArray();
        var (code, output) = CliRunner.Run(args);
        AssertClean(args, code, output);
        Assert.Contains(expected.Replace("TMP", _dir, StringComparison.Ordinal), output, StringComparison.Ordinal);
        Assert.True(code == exitCode, $"hotplug {line}: exit {code}, expected {exitCode} (2 bad input, 1 failure):\n{output}");
        Assert.False(File.Exists(Path.Combine(_dir, "typo.db")), "a read command created the journal it was told to read");
        Assert.Empty(Directory.GetFiles(_dir, "*.jsonl", SearchOption.AllDirectories));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertClean(string[] args, int code, string output)
    {
        var shown = $"hotplug {string.Join(' ', args)} (exit {code}):\n{output}";
        Assert.True(code is 1 or 2, shown);
        Assert.Contains("error: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at [\w.`<>]+\(", output);
        Assert.DoesNotContain("Exception)", output, StringComparison.Ordinal);
    }

    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>One bad thing at a time: each argument a missing file or a folder; each valued option a bad value for its type.</summary>
    private static IEnumerable<string[]> BadArguments(string[] path, Command command)
    {
        // A command with no argument would run for real with valid options (a benchmark): it is walked by its options only.
        var arguments = command.Arguments.Select(_ => "TMP/missing.conf").ToArray();
        for (var i = 0; i < command.Arguments.Count; i++)
        {
            foreach (var bad in new[] { "TMP/missing.conf", "TMP" })
            {
                var args = arguments.ToArray();
                args[i] = bad;
                yield return [.. path, .. args, .. RequiredOptions(command)];
            }
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && o.ValueType != typeof(bool) && o.Name is not ("--help" or "--version")))
        {
            if (command.Arguments.Count == 0 && !IsNumber(option))
            {
                // Nothing else would fail: the command would run for real (a benchmark) with this value.
                continue;
            }

            var values = IsNumber(option)
                ? new[] { "abc", "99999999999999999999999" }
                : option.Name is "--journal" ? ["TMP/typo.db", "TMP", "postgres://localhost:abc/db", "bogus"]
                : ["TMP/missing.conf", "TMP"];
            foreach (var value in values)
            {
                yield return [.. path, .. arguments, .. RequiredOptions(command, option), option.Name, value];
            }
        }

        yield return [.. path, "--no-such-option"];
    }

    private static bool IsNumber(Option option) =>
        option.ValueType == typeof(int) || option.ValueType == typeof(long) || option.ValueType == typeof(int?) || option.ValueType == typeof(long?);

    private static string[] RequiredOptions(Command command, Option? except = null) =>
        [.. command.Options.Where(o => o.Required && o != except).SelectMany(o => new[] { o.Name, "TMP/missing.conf" })];
}
