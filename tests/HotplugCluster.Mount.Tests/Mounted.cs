using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Mount.Tests;

/// <summary>
/// A test body against small-cxl mounted on a fresh temporary directory: the mount must be gone after it, and the
/// directory is removed unless something is still mounted there. The test process reads its own mount, so a daemon
/// that stops answering would hang it in a system call no timeout reaches: a watchdog aborts the FUSE connection after
/// <see cref="Bound"/> (umount2 with MNT_FORCE, which calls fuse_umount_begin(), fs/fuse/inode.c, and fails every waiting
/// request with ENOTCONN), so the test fails instead.
/// </summary>
internal static class Mounted
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static void Run(string name, Action<SimulatedHost, SysfsFileSystem, string> body)
    {
        using var host = MountHosts.Boot();
        var fs = new SysfsFileSystem(host, host.System!);
        var dir = Directory.CreateTempSubdirectory($"hotplug-mount-{name}-").FullName;
        try
        {
            var aborted = 0;
            using (FuseMount.Start(fs, dir))
            using (new Timer(_ => { Interlocked.Exchange(ref aborted, 1); Abort(dir); }, null, Bound, Timeout.InfiniteTimeSpan))
            {
                try
                {
                    body(host, fs, dir);
                }
                catch (Exception e) when (Volatile.Read(ref aborted) == 1)
                {
                    Assert.Fail($"the mount on {dir} stopped answering for {Bound.TotalSeconds:F0} s and its connection was aborted: {e.Message}");
                }
            }

            Assert.True(aborted == 0, $"the mount on {dir} took over {Bound.TotalSeconds:F0} s and its connection was aborted");

            Assert.Empty(MountTable.At(dir));
        }
        finally
        {
            if (MountTable.At(dir).Count == 0)
            {
                Directory.Delete(dir);
            }
        }
    }

    private static void Abort(string dir)
    {
        const int MntForceAndDetach = 1 | 2;
        _ = Umount2(dir, MntForceAndDetach);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int Umount2([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string target, int flags);
}
