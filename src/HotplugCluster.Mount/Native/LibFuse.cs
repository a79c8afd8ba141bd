using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// libfuse3 (3.14, Debian <c>libfuse3-3</c>) and the libc calls the mount needs. The versioned symbols are bound by their
/// explicit names (<c>fuse_new_31</c>, <c>fuse_loop_mt_312</c>): the unversioned ones resolve to the 3.0 ABI.
/// </summary>
internal static unsafe partial class LibFuse
{
    public const string Library = "libfuse3.so.3";

    /// <summary>The number of slots of <c>struct fuse_operations</c> in 3.14.</summary>
    public const int OperationSlots = 42;

    /// <summary><c>MNT_DETACH</c>: a lazy unmount.</summary>
    public const int MntDetach = 2;

    [LibraryImport(Library, EntryPoint = "fuse_new_31")]
    public static partial IntPtr New(FuseArgs* args, IntPtr operations, nuint size, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "fuse_mount")]
    public static partial int Mount(IntPtr fuse, byte* mountpoint);

    [LibraryImport(Library, EntryPoint = "fuse_loop_mt_312")]
    public static partial int LoopMt(IntPtr fuse, IntPtr config);

    [LibraryImport(Library, EntryPoint = "fuse_exit")]
    public static partial void Exit(IntPtr fuse);

    [LibraryImport(Library, EntryPoint = "fuse_unmount")]
    public static partial void Unmount(IntPtr fuse);

    [LibraryImport(Library, EntryPoint = "fuse_destroy")]
    public static partial void Destroy(IntPtr fuse);

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
