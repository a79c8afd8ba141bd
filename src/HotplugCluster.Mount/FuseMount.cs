using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount;

/// <summary>
/// A <see cref="SysfsFileSystem"/> mounted through libfuse3, served by its multi-threaded loop until disposed; dispose
/// unmounts. One per process (the callbacks are static). A mount point left dead by a killed daemon ("Transport endpoint is
/// not connected") is lazily unmounted first; one that is mounted and alive is refused as busy.
/// </summary>
public sealed unsafe class FuseMount : IDisposable
{
    private static int s_active;

    private readonly IntPtr _fuse;
    private readonly IntPtr _table;
    private readonly Thread _loop;
    private int _disposed;

    private FuseMount(string mountpoint, string source, IntPtr fuse, IntPtr table)
    {
        Mountpoint = mountpoint;
        Source = source;
        _fuse = fuse;
        _table = table;
        _loop = new Thread(Serve) { IsBackground = true, Name = "fuse-loop" };
        _loop.Start();
    }

    /// <summary>The absolute mount point.</summary>
    public string Mountpoint { get; }

    /// <summary>The mount's source in mountinfo (<c>hotplug:PID:TOKEN</c>): what <c>hotplug exec</c> checks /sys against.</summary>
    public string Source { get; }

    /// <summary>Why no FUSE mount can be made here (no /dev/fuse, no libfuse3), or null.</summary>
    public static string? Unavailable() => LibFuse.Unavailable();

    /// <summary>Mounts <paramref name="fs"/> on <paramref name="mountpoint"/>; throws <see cref="MountException"/> with one line when it cannot.</summary>
    public static FuseMount Start(SysfsFileSystem fs, string mountpoint)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(mountpoint);
        if (LibFuse.Unavailable() is { } why)
        {
            throw new MountException($"FUSE is not available: {why}");
        }

        var full = Path.GetFullPath(mountpoint).TrimEnd('/');
        RecoverOrRefuse(full);
        if (!Directory.Exists(full))
        {
            throw new MountException($"mount point {mountpoint}: No such file or directory");
        }

        if (Interlocked.Exchange(ref s_active, 1) == 1)
        {
            throw new MountException("this process already serves a mount");
        }

        var source = $"hotplug:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var table = FuseOperations.Table(fs);
        string[] argv = ["hotplug", "-o", $"allow_other,default_permissions,fsname={source},subtype=hotplug"];
        var fuse = New(argv, table);
        if (fuse == IntPtr.Zero)
        {
            FuseOperations.Free(table);
            s_active = 0;
            throw new MountException("fuse_new failed (see the libfuse message above)");
        }

        var path = Encoding.UTF8.GetBytes(full + "\0");
        fixed (byte* p = path)
        {
            if (LibFuse.Mount(fuse, p) != 0)
            {
                LibFuse.Destroy(fuse);
                FuseOperations.Free(table);
                s_active = 0;
                throw new MountException($"mount point {mountpoint}: fuse_mount failed (not root, or no /dev/fuse access?)");
            }
        }

        return new FuseMount(full, source, fuse, table);
    }

    /// <summary>Stops the loop, unmounts and frees the session; waits for the loop thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        LibFuse.Exit(_fuse);

        // fuse_exit() does not wake workers blocked reading /dev/fuse: one request (a failed lookup) does.
        try
        {
            _ = File.Exists(Path.Combine(Mountpoint, $".wake-{Guid.NewGuid():N}"));
        }
        catch (IOException)
        {
        }

        _loop.Join();
        FuseOperations.Free(_table);
        s_active = 0;
    }

    /// <summary>Lazily unmounts a dead FUSE mount on <paramref name="full"/>; refuses a live mount there.</summary>
    private static void RecoverOrRefuse(string full)
    {
        var mounts = MountTable.At(full);
        if (mounts.Count == 0)
        {
            return;
        }

        if (IsDead(full) && mounts[^1].FsType.StartsWith("fuse", StringComparison.Ordinal))
        {
            var path = Encoding.UTF8.GetBytes(full + "\0");
            fixed (byte* p = path)
            {
                if (LibFuse.Umount2(p, LibFuse.MntDetach) != 0)
                {
                    throw new MountException($"mount point {full}: a dead FUSE mount is there and umount failed (errno {Marshal.GetLastPInvokeError()})");
                }
            }

            return;
        }

        throw new MountException($"mount point {full} is busy: {mounts[^1].FsType} {mounts[^1].Source} is mounted there");
    }

    /// <summary>A FUSE mount whose daemon died answers every access with ENOTCONN.</summary>
    private static bool IsDead(string full)
    {
        try
        {
            _ = Directory.GetFileSystemEntries(full);
            return false;
        }
        catch (IOException e) when (e.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase) || e.HResult == 107)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IntPtr New(string[] argv, IntPtr table)
    {
        var strings = new IntPtr[argv.Length];
        var array = (byte**)NativeMemory.AllocZeroed((nuint)((argv.Length + 1) * sizeof(IntPtr)));
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                strings[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
                array[i] = (byte*)strings[i];
            }

            // fuse_new parses the options and copies what it keeps; the arguments are ours to free afterwards.
            var args = new FuseArgs { Argc = argv.Length, Argv = array, Allocated = 0 };
            return LibFuse.New(&args, table, (nuint)(LibFuse.OperationSlots * sizeof(IntPtr)), IntPtr.Zero);
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            NativeMemory.Free(array);
        }
    }

    private void Serve()
    {
        // The loop's status matters to no one: it returns after fuse_exit() or when the mount is gone, and either way we unmount.
        _ = LibFuse.LoopMt(_fuse, IntPtr.Zero);
        LibFuse.Unmount(_fuse);
        LibFuse.Destroy(_fuse);
    }
}
