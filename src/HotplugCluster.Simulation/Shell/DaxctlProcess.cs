using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// A daxctl command as a running process: <see cref="MoveNext"/> runs it (reading sysfs as it goes) up to its next
/// sysfs write, which the caller performs (at once, or as a kernel operation that races others) and hands back with
/// <see cref="Complete"/>; when <see cref="MoveNext"/> returns false the process has exited with <see cref="Status"/>.
/// The shell and a stress lane run the same iterator, so both print the same lines and return the same code.
/// </summary>
public sealed class DaxctlProcess
{
    private readonly Rc _rc = new();
    private readonly IEnumerator<SysfsWriteRequest> _writes;
    private bool _done;

    public DaxctlProcess(ShellCommand command, IHostConsole console, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(output);
        var daxctl = new Daxctl(new ShellSysfs(console), output);
        _writes = (command switch
        {
            DaxctlReconfigureCommand c => daxctl.Reconfigure(c, _rc),
            DaxctlOnlineCommand c => daxctl.OnlineMemory(c, _rc),
            DaxctlOfflineCommand c => daxctl.OfflineMemory(c, _rc),
            DaxctlCreateCommand c => daxctl.Create(c, _rc),
            DaxctlDestroyCommand c => daxctl.Destroy(c, _rc),
            DaxctlEnableCommand c => daxctl.EnableOrDisable(c, _rc),
            _ => throw new ArgumentException($"{command.Text}: not a daxctl command that writes sysfs", nameof(command)),
        }).GetEnumerator();
    }

    /// <summary>Whether <paramref name="command"/> is a daxctl verb that runs as a process of writes.</summary>
    public static bool Runs(ShellCommand command) => command is DaxctlReconfigureCommand or DaxctlOnlineCommand or DaxctlOfflineCommand
        or DaxctlCreateCommand or DaxctlDestroyCommand or DaxctlEnableCommand;

    /// <summary>The write the process waits on (valid after <see cref="MoveNext"/> returned true).</summary>
    public SysfsWriteRequest Current => _writes.Current;

    /// <summary>Runs to the next write (true) or to the exit (false).</summary>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        _done = !_writes.MoveNext();
        return !_done;
    }

    /// <summary>Hands the current write's result to the process.</summary>
    public void Complete(Kernel.Sysfs.SysfsWrite result) => _writes.Current.Result = result;

    /// <summary>The exit status a shell sees: daxctl's negative return as a byte (-16 → 240), 1 for "already", 0.</summary>
    public int Status => _rc.Value < 0 ? _rc.Value & 0xff : _rc.Value;
}
