using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cli.Hosts;
using HotplugCluster.Cli.Terminal;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug sysfs --host FILE [--script FILE] [--set path=value ...]</c>: a shell over a simulated host. With a script it
/// prints each command and its output and, as <c>sh -e</c>, stops at the first command that fails and exits 1 (with
/// --keep-going it runs the rest and exits 1 when any failed); without one it reads commands from stdin.
/// </summary>
internal static class SysfsCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "A HOCON file with a host { ... } block (see config/hosts).", Required = true };
        var script = new Option<string?>("--script") { Description = "Run this script of shell commands instead of reading stdin." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON: --set host.kernel.memmap-on-memory=on (repeatable)." };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Run the whole script even when a command fails (default: stop at the first failure, as sh -e)." };
        var command = new Command("sysfs", "A shell over a simulated host: cat, echo > , ls, dmesg, daxctl, dimm and workload verbs.");
        command.Options.Add(host);
        command.Options.Add(script);
        command.Options.Add(set);
        command.Options.Add(keepGoing);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var config = ConfigLoader.Load(parseResult.GetValue(host), parseResult.GetValue(set) ?? [], ConfigResolveOptions.Default, SettingsDocument.Host);
                var settings = HostConfig.Read(config);
                var scriptFile = parseResult.GetValue(script);
                if (scriptFile is not null)
                {
                    if (!File.Exists(scriptFile))
                    {
                        error.WriteLine($"error: {scriptFile}: {(Directory.Exists(scriptFile) ? "is a directory, not a script" : "No such file or directory")}");
                        return 2;
                    }

                    var outcome = new HostShell(HostConsoleFactory.Boot(settings)).RunScript(File.ReadAllText(scriptFile), scriptFile, output, parseResult.GetValue(keepGoing));
                    return Report(outcome, scriptFile, error);
                }

                return Interactive(new HostShell(HostConsoleFactory.Boot(settings)), LineSource(output), output);
            }
            catch (HoconException e)
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }
        });
        return command;
    }

    /// <summary>Exit status of a script: 0 when every command succeeded, else 1 with one line saying how many failed and where.</summary>
    private static int Report(ScriptOutcome outcome, string scriptFile, TextWriter error)
    {
        if (outcome.Succeeded)
        {
            return 0;
        }

        var lines = string.Join(", ", outcome.FailedLines);
        error.WriteLine(outcome.Stopped
            ? $"error: {scriptFile}:{lines}: the command failed; the script stopped there after {outcome.Ran} command(s) (--keep-going runs the rest)"
            : $"error: {scriptFile}: {outcome.FailedLines.Count} of {outcome.Ran} commands failed (lines {lines})");
        return 1;
    }

    /// <summary>
    /// A line editor with history when the user types at a terminal (stdin and stdout both terminals, so the echo is
    /// seen); plain lines from stdin otherwise (a pipe or a file, with no escape sequences written).
    /// </summary>
    private static ILineSource LineSource(TextWriter output) =>
        Console.IsInputRedirected || Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out)
            ? new PlainLineSource(Console.In, output)
            : new LineEditor(new ConsoleKeySource(), output);

    /// <summary>Reads commands from <paramref name="input"/> after a prompt until end of input or <c>exit</c>.</summary>
    internal static int Interactive(HostShell shell, ILineSource input, TextWriter output)
    {
        output.WriteLine($"hotplug sysfs: {ShellParser.Usage}; help [VERB] lists them; exit or end of input quits.");
        while (true)
        {
            var line = input.ReadLine("# ");
            if (line is null || line.Trim() == "exit")
            {
                output.WriteLine();
                return 0;
            }

            if (line.Trim() is "help" or ['h', 'e', 'l', 'p', ' ', ..])
            {
                Help(line.Trim()[4..].Trim(), output);
                continue;
            }

            shell.ExecuteLine(line, output);
        }
    }

    /// <summary><c>help</c>: every verb's usage, one a line; <c>help VERB</c>: that verb's.</summary>
    private static void Help(string verb, TextWriter output)
    {
        var usages = ShellParser.Usage.Split(" | ").Select(u => u.Trim()).ToList();
        var shown = verb.Length == 0 ? usages : [.. usages.Where(u => u.Split(' ')[0] == verb)];
        if (shown.Count == 0)
        {
            output.WriteLine($"help: no verb '{verb}' (verbs: {string.Join(", ", usages.Select(u => u.Split(' ')[0]).Distinct())})");
        }

        foreach (var usage in shown)
        {
            output.WriteLine(usage);
        }
    }
}
