using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// The <c>struct fuse_lowlevel_ops</c> callbacks of the one file system this process serves. All but write answer on the
/// reader thread before they return; a write is handed to <see cref="PendingWrite"/>, which answers from the thread that
/// runs it, so two clients' writes race on the host while reads go on. A callback replies exactly once and lets no
/// exception escape (one would kill the process and leave a dead mount): failures become EIO.
/// </summary>
internal static unsafe class FuseOperations
{
    private const int EIO = 5;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int EINVAL = 22;
    private const int ONLY_ACCMODE = 3;
    private const int O_RDONLY = 0;
    private const int O_WRONLY = 1;

    /// <summary>
    /// How long the kernel keeps a name and its attributes (libfuse's high-level default). Directories and symlinks that
    /// a write removes are invalidated before its reply (<see cref="InvalidateVanished"/>); a file that vanishes alone is
    /// seen as such within this time, and its open fails with ENOENT meanwhile.
    /// </summary>
    private const double Timeout = 1.0;

    private static SysfsFileSystem? s_fs;
    private static IntPtr s_session;
    private static Inodes s_inodes = new();
    private static InodeCache? s_cache;
    private static CountdownEvent s_writes = new(1);
    private static Lazy<ClientFollower?> s_follower = new(ClientFollower.ForCurrentThread, LazyThreadSafetyMode.None);

    private static SysfsFileSystem Fs => s_fs ?? throw new InvalidOperationException("no file system is being served");

    private static InodeCache Cache => s_cache ?? throw new InvalidOperationException("no file system is being served");

    /// <summary>The table fuse_session_new() copies, for <paramref name="fs"/>; the callbacks not set get libfuse's defaults (opendir, releasedir and forget succeed, flush is ENOSYS once).</summary>
    public static IntPtr Table(SysfsFileSystem fs)
    {
        s_fs = fs;
        s_inodes = new Inodes();
        s_cache = new InodeCache(fs);
        s_writes = new CountdownEvent(1);
        s_follower = new(ClientFollower.ForCurrentThread, LazyThreadSafetyMode.None);
        var table = (IntPtr*)NativeMemory.AllocZeroed((nuint)(LibFuse.OperationSlots * sizeof(IntPtr)));
        table[2] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, byte*, void>)&Lookup;
        table[4] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, FuseFileInfo*, void>)&Getattr;
        table[5] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, Stat*, int, FuseFileInfo*, void>)&Setattr;
        table[6] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, void>)&Readlink;
        table[14] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, FuseFileInfo*, void>)&Open;
        table[15] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, nuint, long, FuseFileInfo*, void>)&Read;
        table[16] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, byte*, nuint, long, FuseFileInfo*, void>)&Write;
        table[18] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, FuseFileInfo*, void>)&Release;
        table[21] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, nuint, long, FuseFileInfo*, void>)&Readdir;
        table[30] = (IntPtr)(delegate* unmanaged<IntPtr, ulong, byte*, uint, FuseFileInfo*, void>)&Create;
        return (IntPtr)table;
    }

    /// <summary>The session the table serves: where invalidations go.</summary>
    public static void Serve(IntPtr session) => s_session = session;

    /// <summary>Frees the table once the writes handed out have replied (they reply through the session, which must outlive them).</summary>
    public static void Free(IntPtr table)
    {
        s_writes.Signal();
        s_writes.Wait();
        s_writes.Dispose();
        if (s_follower.IsValueCreated)
        {
            s_follower.Value?.Dispose();
        }

        NativeMemory.Free((void*)table);
    }

    [UnmanagedCallersOnly]
    private static void Lookup(IntPtr req, ulong parent, byte* name)
    {
        FuseEntryParam e = default;
        int error;
        try
        {
            // A name that is not there gets no number: failed lookups (a shell's `echo > new`) leave the table alone.
            var path = s_inodes.PathOf(parent) is { } dir ? Inodes.Child(dir, Marshal.PtrToStringUTF8((IntPtr)name)!) : null;
            error = path is not null && Fs.Lookup(path) is { } entry ? Fill(&e.Attr, s_inodes.LookedUp(path, entry.Kind), path, entry) : ENOENT;
            e.Ino = e.Attr.Ino;
            e.AttrTimeout = e.EntryTimeout = Timeout;
        }
        catch (Exception)
        {
            error = EIO;
        }

        _ = error == 0 ? LibFuse.ReplyEntry(req, &e) : LibFuse.ReplyErr(req, error);
    }

    [UnmanagedCallersOnly]
    private static void Getattr(IntPtr req, ulong ino, FuseFileInfo* fi) => ReplyAttributes(req, ino);

    /// <summary>sysfs ignores truncation (a shell's O_TRUNC) and has no other attribute a client may change here: the attributes stay.</summary>
    [UnmanagedCallersOnly]
    private static void Setattr(IntPtr req, ulong ino, Stat* attr, int toSet, FuseFileInfo* fi) => ReplyAttributes(req, ino);

    [UnmanagedCallersOnly]
    private static void Readlink(IntPtr req, ulong ino)
    {
        byte[]? link;
        try
        {
            link = s_inodes.PathOf(ino) is { } path && Fs.ReadLink(path) is { } target ? Encoding.UTF8.GetBytes(target + "\0") : null;
        }
        catch (Exception)
        {
            _ = LibFuse.ReplyErr(req, EIO);
            return;
        }

        fixed (byte* p = link)
        {
            _ = link is null ? LibFuse.ReplyErr(req, EINVAL) : LibFuse.ReplyReadlink(req, p);
        }
    }

    /// <summary>kernfs_fop_open() (fs/kernfs/file.c): a read open of a file without a show, or a write open of one without a store, fails with EACCES, root or not.</summary>
    [UnmanagedCallersOnly]
    private static void Open(IntPtr req, ulong ino, FuseFileInfo* fi)
    {
        int error;
        try
        {
            var mode = fi->Flags & ONLY_ACCMODE;
            error = s_inodes.PathOf(ino) is not { } path || Cache.Entry(ino, path) is not { } entry ? ENOENT
                : (mode != O_RDONLY && !entry.Writable) || (mode != O_WRONLY && !entry.Readable) ? EACCES
                : 0;

            // Every read and write must reach us: sysfs files report 4096 bytes but hold a few, and their contents change.
            // Nothing is cached, so a close has nothing to flush (kernfs has no flush either).
            fi->Bits |= FuseFileInfo.DirectIo | FuseFileInfo.NoFlush;

            // Before the reply, so that the reply's wake-up of the client is already on the client's CPU.
            s_follower.Value?.Opened(LibFuse.RequestContext(req)->Pid);
        }
        catch (Exception)
        {
            error = EIO;
        }

        _ = error == 0 ? LibFuse.ReplyOpen(req, fi) : LibFuse.ReplyErr(req, error);
    }

    [UnmanagedCallersOnly]
    private static void Read(IntPtr req, ulong ino, nuint size, long offset, FuseFileInfo* fi)
    {
        byte[] bytes;
        try
        {
            var errno = ENOENT;
            if (s_inodes.PathOf(ino) is not { } path || Cache.Text(ino, path, out errno) is not { } text)
            {
                _ = LibFuse.ReplyErr(req, errno);
                return;
            }

            bytes = text;
        }
        catch (Exception)
        {
            _ = LibFuse.ReplyErr(req, EIO);
            return;
        }

        var start = (int)Math.Min(offset, bytes.Length);
        var n = (int)Math.Min((ulong)(bytes.Length - start), size);
        fixed (byte* p = bytes)
        {
            _ = LibFuse.ReplyBuf(req, p + start, (nuint)n);
        }
    }

    /// <summary>The bytes are copied (libfuse reuses its buffer for the next request) and the write runs on another thread, which replies.</summary>
    [UnmanagedCallersOnly]
    private static void Write(IntPtr req, ulong ino, byte* buf, nuint size, long offset, FuseFileInfo* fi)
    {
        try
        {
            if (s_inodes.PathOf(ino) is not { } path)
            {
                _ = LibFuse.ReplyErr(req, ENOENT);
                return;
            }

            var data = new ReadOnlySpan<byte>(buf, (int)size).ToArray();
            s_writes.AddCount();
            ThreadPool.UnsafeQueueUserWorkItem(new PendingWrite(req, Fs, path, data, s_writes, InvalidateVanished), preferLocal: false);
        }
        catch (Exception)
        {
            _ = LibFuse.ReplyErr(req, EIO);
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(IntPtr req, ulong ino, FuseFileInfo* fi) => _ = LibFuse.ReplyErr(req, 0);

    /// <summary>One buffer of entries from <paramref name="offset"/> on: ".", "..", then the names; each entry's offset is the index of the next.</summary>
    [UnmanagedCallersOnly]
    private static void Readdir(IntPtr req, ulong ino, nuint size, long offset, FuseFileInfo* fi)
    {
        var buffer = new byte[(int)Math.Min(size, 1 << 20)];
        nuint used = 0;
        try
        {
            if (s_inodes.PathOf(ino) is not { } dir || Fs.List(dir) is not { } names)
            {
                _ = LibFuse.ReplyErr(req, ENOENT);
                return;
            }

            fixed (byte* p = buffer)
            {
                for (var i = (int)offset; i < names.Count + 2; i++)
                {
                    var name = i switch { 0 => ".", 1 => "..", _ => names[i - 2] };
                    Stat st = default;
                    st.Ino = i switch { 0 => ino, 1 => s_inodes.Of(Inodes.Parent(dir)), _ => s_inodes.Of(Inodes.Child(dir, name)) };
                    var room = (nuint)buffer.Length - used;
                    var need = AddEntry(req, p + used, room, name, &st, i + 1);
                    if (need > room)
                    {
                        break;
                    }

                    used += need;
                }
            }
        }
        catch (Exception)
        {
            _ = LibFuse.ReplyErr(req, EIO);
            return;
        }

        fixed (byte* p = buffer)
        {
            _ = LibFuse.ReplyBuf(req, p, used);
        }
    }

    /// <summary>sysfs has no create: a new name in an existing directory fails with EACCES (kernfs has no .create inode operation).</summary>
    [UnmanagedCallersOnly]
    private static void Create(IntPtr req, ulong parent, byte* name, uint mode, FuseFileInfo* fi) => _ = LibFuse.ReplyErr(req, EACCES);

    /// <summary>
    /// Tells the kernel to drop the cached names of the directories and symlinks that are gone (a dax device deleted, a
    /// driver unbound, memory blocks removed), as sysfs's next walk refuses them (kernfs_dop_revalidate(), fs/kernfs/dir.c). Runs on
    /// the writer's thread: the kernel takes the parent directory's lock, which a client's lookup may hold while it waits
    /// for the reader, so the reader must not be the one waiting here.
    /// </summary>
    private static void InvalidateVanished()
    {
        var gone = Fs.WithHost(h => s_inodes.Vanished(path => SysfsLayout.Lookup(h.State, path) is not null));
        foreach (var (parent, name) in gone)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            fixed (byte* p = bytes)
            {
                // -ENOENT when the kernel no longer holds the parent: nothing is cached then.
                _ = LibFuse.NotifyInvalEntry(s_session, parent, p, (nuint)bytes.Length);
            }
        }
    }

    private static void ReplyAttributes(IntPtr req, ulong ino)
    {
        Stat st = default;
        int error;
        try
        {
            error = s_inodes.PathOf(ino) is { } path && Cache.Entry(ino, path) is { } entry ? Fill(&st, ino, path, entry) : ENOENT;
        }
        catch (Exception)
        {
            error = EIO;
        }

        _ = error == 0 ? LibFuse.ReplyAttr(req, &st, Timeout) : LibFuse.ReplyErr(req, error);
    }

    /// <summary>Fills <paramref name="st"/> for the entry at <paramref name="path"/>, inode <paramref name="ino"/>; returns 0.</summary>
    private static int Fill(Stat* st, ulong ino, string path, SysfsEntry entry)
    {
        *st = default;
        st->Ino = ino;
        st->Atime = st->Mtime = st->Ctime = Fs.Started.ToUnixTimeSeconds();
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
                st->Size = Encoding.UTF8.GetByteCount(Fs.ReadLink(path) ?? "");
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

    private static nuint AddEntry(IntPtr req, byte* buf, nuint room, string name, Stat* st, long next)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        bytes[^1] = 0;
        fixed (byte* p = bytes)
        {
            return LibFuse.AddDirentry(req, buf, room, p, st, next);
        }
    }
}
