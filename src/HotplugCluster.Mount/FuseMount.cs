using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount;

/// <summary>
/// A <see cref="SysfsFileSystem"/> mounted through libfuse3's low-level API, served by one reader thread until disposed;
/// dispose unmounts. The reader answers every request but writes before it reads the next (see <see cref="FuseOperations"/>).
/// One per process (the callbacks are static). A mount point left dead by a killed daemon ("Transport endpoint is
/// not connected") is lazily unmounted first; one that is mounted and alive is refused as busy.
/// </summary>
public sealed unsafe class FuseMount : IDisposable
{
    private static int s_active;

    private readonly IntPtr _session;
    private readonly IntPtr _table;
    private readonly Thread _loop;
    private int _disposed;

    private FuseMount(string mountpoint, string source, IntPtr session, IntPtr table)
    {
        Mountpoint = mountpoint;
        Source = source;
        _session = session;
        _table = table;
        _loop = new Thread(Serve) { IsBackground = true, Name = "fuse-reader" };
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
        var session = New(argv, table);
        if (session == IntPtr.Zero)
        {
            FuseOperations.Free(table);
            s_active = 0;
            throw new MountException("fuse_session_new failed (see the libfuse message above)");
        }

        FuseOperations.Serve(session);
        var path = Encoding.UTF8.GetBytes(full + "\0");
        fixed (byte* p = path)
        {
            if (LibFuse.SessionMount(session, p) != 0)
            {
                LibFuse.SessionDestroy(session);
                FuseOperations.Free(table);
                s_active = 0;
                throw new MountException($"mount point {mountpoint}: fuse_session_mount failed (not root, or no /dev/fuse access?)");
            }
        }

        return new FuseMount(full, source, session, table);
    }

    /// <summary>Stops the reader, waits for it (it lets the writes still running reply, then unmounts and frees the session).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        LibFuse.SessionExit(_session);

        // fuse_session_exit() does not wake a reader blocked on /dev/fuse: one request (a failed lookup) does.
        try
        {
            _ = File.Exists(Path.Combine(Mountpoint, $".wake-{Guid.NewGuid():N}"));
        }
        catch (IOException)
        {
        }

        _loop.Join();
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

            // fuse_session_new parses the options and copies what it keeps; the arguments are ours to free afterwards.
            var args = new FuseArgs { Argc = argv.Length, Argv = array, Allocated = 0 };
            return LibFuse.SessionNew(&args, table, (nuint)(LibFuse.OperationSlots * sizeof(IntPtr)), IntPtr.Zero);
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

    /// <summary>
    /// The reader: libfuse's single-threaded loop, one request at a time from /dev/fuse. It returns after
    /// fuse_session_exit() or when the mount is gone; either way the writes still running reply first, then we unmount.
    /// </summary>
    private void Serve()
    {
        // The loop's status matters to no one: it returns after fuse_session_exit() or when the mount is gone, and either way we unmount.
        _ = LibFuse.SessionLoop(_session);
        FuseOperations.Free(_table);
        LibFuse.SessionUnmount(_session);
        LibFuse.SessionDestroy(_session);
    }
}
