using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HotplugCluster.Cli;

/// <summary>
/// Ties a restarted <c>hotplug</c> (see <see cref="GcBudget"/>) to the process the user started, so that the work ends
/// with it: the parent forwards SIGTERM, SIGHUP and SIGQUIT to the child (SIGINT from a terminal reaches both already),
/// and the child asks the kernel to SIGKILL it when the parent dies (PR_SET_PDEATHSIG, prctl(2); Linux), which covers
/// a SIGKILL of the parent that no handler sees.
/// </summary>
internal static partial class ChildProcessLink
{
    /// <summary>The variable through which the parent tells the child its process id.</summary>
    public const string ParentVariable = "HOTPLUG_GC_PARENT";

    /// <summary>When set, the child prints <c>hotplug child PID</c> to stderr as it starts (for the tests that kill its parent).</summary>
    public const string AnnounceVariable = "HOTPLUG_GC_ANNOUNCE";

    private const int PrSetPdeathsig = 1;
    private const int SigKill = 9;

    /// <summary>Forwards the terminating signals this process receives to <paramref name="child"/>; dispose to stop.</summary>
    public static IDisposable ForwardSignals(Process child)
    {
        var registrations = new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                // The child decides how to end; this process ends when it does, with its exit code.
                context.Cancel = true;
                if (!child.HasExited)
                {
                    _ = Kill(child.Id, (int)SignalNumber(context.Signal));
                }
            }))
            .ToList();
        return new Registrations(registrations);
    }

    /// <summary>
    /// In a restarted child: dies with the parent named in the environment. Returns false when the parent is already
    /// gone (it died before the child could ask), in which case the child must not start the work.
    /// </summary>
    public static bool AttachToParent()
    {
        if (Environment.GetEnvironmentVariable(ParentVariable) is not { } text || !int.TryParse(text, out var parent))
        {
            return true;
        }

        // Processes this child starts (the members of --nodes) are not restarted children: they must not inherit it.
        Environment.SetEnvironmentVariable(ParentVariable, null);
        if (Environment.GetEnvironmentVariable(AnnounceVariable) is not null)
        {
            Console.Error.WriteLine($"hotplug child {Environment.ProcessId}");
            Console.Error.Flush();
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        _ = Prctl(PrSetPdeathsig, SigKill, 0, 0, 0);
        return GetParentProcessId() == parent;
    }

    // POSIX numbers of the signals forwarded (PosixSignal values are .NET's own, negative).
    private static PosixSignal SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => (PosixSignal)1,
        PosixSignal.SIGQUIT => (PosixSignal)3,
        _ => (PosixSignal)15,
    };

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(r => r.Dispose());
    }
}
