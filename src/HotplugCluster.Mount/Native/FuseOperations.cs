using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// The <c>struct fuse_operations</c> callbacks: each returns 0, a byte count or <c>-errno</c>, and none lets an
/// exception escape (one would kill the process and leave a dead mount). They serve the one file system of the process.
/// </summary>
internal static unsafe class FuseOperations
{
    private const int EIO = 5;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int EISDIR = 21;
    private const int EINVAL = 22;
    private const int ONLY_ACCMODE = 3;
    private const int O_RDONLY = 0;

    private static SysfsFileSystem? s_fs;

    /// <summary>The table libfuse copies: 42 slots, the ones we serve filled.</summary>
    public static IntPtr Table(SysfsFileSystem fs)
    {
        s_fs = fs;
        var table = (IntPtr*)NativeMemory.AllocZeroed((nuint)(LibFuse.OperationSlots * sizeof(IntPtr)));
        table[0] = (IntPtr)(delegate* unmanaged<byte*, Stat*, FuseFileInfo*, int>)&Getattr;
        table[1] = (IntPtr)(delegate* unmanaged<byte*, byte*, nuint, int>)&Readlink;
        table[11] = (IntPtr)(delegate* unmanaged<byte*, long, FuseFileInfo*, int>)&Truncate;
        table[12] = (IntPtr)(delegate* unmanaged<byte*, FuseFileInfo*, int>)&Open;
        table[13] = (IntPtr)(delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int>)&Read;
        table[14] = (IntPtr)(delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int>)&Write;
        table[24] = (IntPtr)(delegate* unmanaged<byte*, void*, delegate* unmanaged<void*, byte*, Stat*, long, int, int>, long, FuseFileInfo*, int, int>)&Readdir;
        table[30] = (IntPtr)(delegate* unmanaged<byte*, uint, FuseFileInfo*, int>)&Create;
        return (IntPtr)table;
    }

    public static void Free(IntPtr table) => NativeMemory.Free((void*)table);

    private static SysfsFileSystem Fs => s_fs ?? throw new InvalidOperationException("no file system is being served");

    private static string PathOf(byte* path) => Marshal.PtrToStringUTF8((IntPtr)path) ?? "/";

    [UnmanagedCallersOnly]
    private static int Getattr(byte* path, Stat* st, FuseFileInfo* fi)
    {
        try
        {
            *st = default;
            var p = PathOf(path);
            if (Fs.Lookup(p) is not { } entry)
            {
                return -ENOENT;
            }

            var time = Fs.Started.ToUnixTimeSeconds();
            st->Atime = st->Mtime = st->Ctime = time;
            st->Blksize = 4096;
            switch (entry.Kind)
            {
                case SysfsEntryKind.Directory:
                    st->Mode = Stat.IfDir | (uint)entry.Mode;
                    st->Nlink = 2;
                    break;
                case SysfsEntryKind.Symlink:
                    st->Mode = Stat.IfLnk | (uint)entry.Mode;
                    st->Nlink = 1;
                    st->Size = Encoding.UTF8.GetByteCount(Fs.ReadLink(p) ?? "");
                    break;
                default:
                    // sysfs reports every attribute as 4096 bytes; reads are direct, so the size is never trusted.
                    st->Mode = Stat.IfReg | (uint)entry.Mode;
                    st->Nlink = 1;
                    st->Size = 4096;
                    break;
            }

            return 0;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    [UnmanagedCallersOnly]
    private static int Readlink(byte* path, byte* buf, nuint size)
    {
        try
        {
            if (Fs.ReadLink(PathOf(path)) is not { } target)
            {
                return -EINVAL;
            }

            var bytes = Encoding.UTF8.GetBytes(target);
            var n = Math.Min(bytes.Length, (int)size - 1);
            bytes.AsSpan(0, n).CopyTo(new Span<byte>(buf, n));
            buf[n] = 0;
            return 0;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    [UnmanagedCallersOnly]
    private static int Truncate(byte* path, long size, FuseFileInfo* fi)
    {
        // sysfs ignores truncation (the shell's O_TRUNC); only the write that follows counts.
        try
        {
            return Fs.Lookup(PathOf(path)) is { } ? 0 : -ENOENT;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    /// <summary>kernfs_fop_open(): a read open of a file without a show, or a write open of one without a store, fails with EACCES, root or not.</summary>
    [UnmanagedCallersOnly]
    private static int Open(byte* path, FuseFileInfo* fi)
    {
        try
        {
            if (Fs.Lookup(PathOf(path)) is not { } entry)
            {
                return -ENOENT;
            }

            if (entry.Kind == SysfsEntryKind.Directory)
            {
                return -EISDIR;
            }

            var mode = fi->Flags & ONLY_ACCMODE;
            if ((mode != O_RDONLY && !entry.Writable) || (mode != 1 && !entry.Readable))
            {
                return -EACCES;
            }

            // Every read and write must reach us: sysfs files report 4096 bytes but hold a few.
            fi->Bits |= FuseFileInfo.DirectIo;
            return 0;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    [UnmanagedCallersOnly]
    private static int Read(byte* path, byte* buf, nuint size, long offset, FuseFileInfo* fi)
    {
        try
        {
            var read = Fs.Read(PathOf(path));
            if (read.Error is { } e)
            {
                return -e.Code;
            }

            var bytes = Encoding.UTF8.GetBytes(read.Content!);
            if (offset >= bytes.Length)
            {
                return 0;
            }

            var n = (int)Math.Min((ulong)(bytes.Length - offset), size);
            bytes.AsSpan((int)offset, n).CopyTo(new Span<byte>(buf, n));
            return n;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    [UnmanagedCallersOnly]
    private static int Write(byte* path, byte* buf, nuint size, long offset, FuseFileInfo* fi)
    {
        try
        {
            var result = Fs.Write(PathOf(path), new ReadOnlySpan<byte>(buf, (int)size));
            return result.Error is { } e ? -e.Code : result.Bytes;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    [UnmanagedCallersOnly]
    private static int Readdir(byte* path, void* buf, delegate* unmanaged<void*, byte*, Stat*, long, int, int> filler, long offset, FuseFileInfo* fi, int flags)
    {
        try
        {
            if (Fs.List(PathOf(path)) is not { } names)
            {
                return -ENOENT;
            }

            Fill(buf, filler, ".");
            Fill(buf, filler, "..");
            foreach (var name in names)
            {
                Fill(buf, filler, name);
            }

            return 0;
        }
        catch (Exception)
        {
            return -EIO;
        }
    }

    /// <summary>sysfs has no create: a new name in an existing directory fails with EACCES (kernfs has no .create inode operation for it).</summary>
    [UnmanagedCallersOnly]
    private static int Create(byte* path, uint mode, FuseFileInfo* fi) => -EACCES;

    private static void Fill(void* buf, delegate* unmanaged<void*, byte*, Stat*, long, int, int> filler, string name)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        bytes[^1] = 0;
        fixed (byte* p = bytes)
        {
            filler(buf, p, null, 0, 0);
        }
    }
}
