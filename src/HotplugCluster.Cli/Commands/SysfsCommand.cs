using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cli.Hosts;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug sysfs --host FILE [--script FILE] [--set path=value ...]</c>: a shell over a simulated host. With a script it
/// prints each command and its output and exits 0 whatever the writes returned; without one it reads commands from stdin.
/// </summary>
internal static class SysfsCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "A HOCON file with a host { ... } block (see config/hosts).", Required = true };
        var script = new Option<string?>("--script") { Description = "Run this script of shell commands instead of reading stdin." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON: --set host.kernel.memmap-on-memory=on (repeatable)." };
        var command = new Command("sysfs", "A shell over a simulated host: cat, echo > , ls, dmesg, daxctl, dimm and workload verbs.");
        command.Options.Add(host);
        command.Options.Add(script);
        command.Options.Add(set);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var config = ConfigLoader.Load(parseResult.GetValue(host), parseResult.GetValue(set) ?? [], ConfigResolveOptions.Default);
                var settings = HostConfig.Read(config);
                var scriptFile = parseResult.GetValue(script);
                if (scriptFile is not null)
                {
                    if (!File.Exists(scriptFile))
                    {
                        error.WriteLine($"error: {scriptFile}: No such file or directory");
                        return 1;
                    }

                    // Parse the whole script before booting, so a syntax error leaves nothing half-run.
                    var text = File.ReadAllText(scriptFile);
                    ShellScript.Parse(text, scriptFile);
                    return new HostShell(HostConsoleFactory.Boot(settings)).RunScript(text, scriptFile, output);
                }

                return Interactive(new HostShell(HostConsoleFactory.Boot(settings)), Console.In, output);
            }
            catch (HoconException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (ShellSyntaxException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>Reads commands from <paramref name="input"/> after a prompt until end of input or <c>exit</c>.</summary>
    internal static int Interactive(HostShell shell, TextReader input, TextWriter output)
    {
        output.WriteLine($"hotplug sysfs: {ShellParser.Usage}; exit or end of input quits.");
        while (true)
        {
            output.Write("# ");
            var line = input.ReadLine();
            if (line is null || line.Trim() == "exit")
            {
                output.WriteLine();
                return 0;
            }

            shell.ExecuteLine(line, output);
        }
    }
}
