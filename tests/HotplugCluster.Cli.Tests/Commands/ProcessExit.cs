using System.Runtime.InteropServices;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// Waits for a process that is not our child to end, on an event rather than by polling: a pidfd (<c>pidfd_open(2)</c>,
/// Linux 5.3) becomes readable when its process exits.
/// </summary>
internal static partial class ProcessExit
{
    private const long PidfdOpen = 434; // x86-64 and the generic syscall table
    private const short PollIn = 1;
    private const int Esrch = 3;

    /// <summary>True when <paramref name="pid"/> has ended (or never existed) within <paramref name="bound"/>.</summary>
    public static bool WaitFor(int pid, TimeSpan bound)
    {
        var fd = (int)Syscall(PidfdOpen, pid, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError() == Esrch;
        }

        try
        {
            var pollFd = new PollFd { Fd = fd, Events = PollIn };
            return Poll(ref pollFd, 1, (int)bound.TotalMilliseconds) == 1;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, ulong count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
