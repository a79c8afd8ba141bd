using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// libfuse3's low-level API (3.14, Debian <c>libfuse3-3</c>: the session, its buffers, the replies) and the libc calls
/// the mount needs. Every reply consumes its request: exactly one reply per request, from whichever thread finishes it.
/// </summary>
internal static unsafe partial class LibFuse
{
    public const string Library = "libfuse3.so.3";

    /// <summary>The number of slots of <c>struct fuse_lowlevel_ops</c> in 3.14.</summary>
    public const int OperationSlots = 44;

    /// <summary><c>MNT_DETACH</c>: a lazy unmount.</summary>
    public const int MntDetach = 2;

    [LibraryImport(Library, EntryPoint = "fuse_session_new")]
    public static partial IntPtr SessionNew(FuseArgs* args, IntPtr operations, nuint size, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "fuse_session_mount")]
    public static partial int SessionMount(IntPtr session, byte* mountpoint);

    [LibraryImport(Library, EntryPoint = "fuse_session_loop")]
    public static partial int SessionLoop(IntPtr session);

    [LibraryImport(Library, EntryPoint = "fuse_session_exit")]
    public static partial void SessionExit(IntPtr session);

    [LibraryImport(Library, EntryPoint = "fuse_session_unmount")]
    public static partial void SessionUnmount(IntPtr session);

    [LibraryImport(Library, EntryPoint = "fuse_session_destroy")]
    public static partial void SessionDestroy(IntPtr session);

    [LibraryImport(Library, EntryPoint = "fuse_reply_err")]
    public static partial int ReplyErr(IntPtr req, int err);

    [LibraryImport(Library, EntryPoint = "fuse_reply_entry")]
    public static partial int ReplyEntry(IntPtr req, FuseEntryParam* entry);

    [LibraryImport(Library, EntryPoint = "fuse_reply_attr")]
    public static partial int ReplyAttr(IntPtr req, Stat* attr, double timeout);

    [LibraryImport(Library, EntryPoint = "fuse_reply_readlink")]
    public static partial int ReplyReadlink(IntPtr req, byte* link);

    [LibraryImport(Library, EntryPoint = "fuse_reply_open")]
    public static partial int ReplyOpen(IntPtr req, FuseFileInfo* fi);

    [LibraryImport(Library, EntryPoint = "fuse_reply_write")]
    public static partial int ReplyWrite(IntPtr req, nuint count);

    [LibraryImport(Library, EntryPoint = "fuse_reply_buf")]
    public static partial int ReplyBuf(IntPtr req, byte* buf, nuint size);

    [LibraryImport(Library, EntryPoint = "fuse_add_direntry")]
    public static partial nuint AddDirentry(IntPtr req, byte* buf, nuint size, byte* name, Stat* stat, long offset);

    [LibraryImport(Library, EntryPoint = "fuse_lowlevel_notify_inval_entry")]
    public static partial int NotifyInvalEntry(IntPtr session, ulong parent, byte* name, nuint length);

    /// <summary>A field of the request: no system call, so the GC transition is left out.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_req_ctx")]
    [SuppressGCTransition]
    public static partial FuseContext* RequestContext(IntPtr req);

    /// <summary>Answered from the vDSO, without a system call.</summary>
    [LibraryImport("libc", EntryPoint = "sched_getcpu")]
    [SuppressGCTransition]
    public static partial int SchedGetCpu();

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetAffinity(int pid, nuint size, byte* mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nuint size, byte* mask);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, byte* buf, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true)]
    public static partial int Mknod(byte[] path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true)]
    public static partial int Umount2(byte* target, int flags);

    /// <summary>Whether libfuse3 can be loaded and /dev/fuse exists; the reason when not.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse does not exist (no FUSE in this kernel or container)";
        }

        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            return $"{Library} cannot be loaded (install the libfuse3-3 package)";
        }

        NativeLibrary.Free(handle);
        return null;
    }
}
