using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// The <c>hotplug sysfs</c> shell: runs <see cref="ShellCommand"/>s against a host through <see cref="IHostConsole"/>
/// only, printing what a terminal would show (stdout and stderr together). Each command returns its exit status;
/// a failed write is output, not an exception.
/// </summary>
public sealed partial class HostShell
{
    private readonly ShellSysfs _fs;
    private int _dmesgRead;

    public HostShell(IHostConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _fs = new ShellSysfs(console);
    }

    /// <summary>The host the shell drives.</summary>
    public IHostConsole Console => _fs.Console;

    /// <summary>Runs one command, writing its output to <paramref name="output"/>; returns its exit status (0 = success).</summary>
    public int Execute(ShellCommand command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        return command switch
        {
            CatCommand c => Cat(c, output),
            EchoCommand c => Echo(c, output),
            LsCommand c => Ls(c, output),
            DmesgCommand c => Dmesg(c, output),
            DaxctlListCommand c => new Daxctl(_fs, output).List(c),
            DaxctlUsageCommand c => Usage(c, output),
            _ when DaxctlProcess.Runs(command) => RunProcess(command, output),
            DimmAddCommand c => DimmAdd(c, output),
            DimmEjectCommand c => DimmEject(c, output),
            WorkloadAllocCommand c => WorkloadAlloc(c, output),
            WorkloadFreeCommand c => WorkloadFree(c, output),
            CxlInsertCommand c => CxlInsert(c, output),
            CxlRemoveCommand c => CxlRemove(c, output),
            SignalCommand c => NoLanes(c, output),
            _ => throw new ArgumentException($"unknown command type {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Parses and runs one line (interactive use); a syntax error is printed, with status 2 as sh gives.</summary>
    public int ExecuteLine(string line, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ShellCommand? command;
        try
        {
            command = ShellParser.Parse(line);
        }
        catch (FormatException e)
        {
            output.WriteLine($"hotplug-sh: {e.Message}");
            return 2;
        }

        return command is null ? 0 : Execute(command, output);
    }

    /// <summary>
    /// Script mode: parses every line first (a syntax error names <paramref name="source"/>:LINE and nothing runs),
    /// then prints each comment and each command as <c>$ command</c> followed by its output. Returns 0: the script
    /// ran, whatever its writes returned.
    /// </summary>
    public int RunScript(string text, string source, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = ShellScript.Parse(text, source);
        foreach (var line in lines)
        {
            if (line.Command is null)
            {
                output.WriteLine(line.Text);
                continue;
            }

            output.WriteLine($"$ {line.Command.Text}");
            Execute(line.Command, output);
        }

        return 0;
    }

    /// <summary>daxctl stopped in option parsing: its messages, and its exit status.</summary>
    private static int Usage(DaxctlUsageCommand command, TextWriter output)
    {
        output.Write(command.Output);
        return command.Status;
    }

    /// <summary>A daxctl process with every write run to its end before it goes on.</summary>
    private int RunProcess(ShellCommand command, TextWriter output)
    {
        var process = new DaxctlProcess(command, Console, output);
        while (process.MoveNext())
        {
            process.Complete(Console.Write(process.Current.Path, process.Current.Value));
        }

        return process.Status;
    }
}
