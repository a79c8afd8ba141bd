using System.Text;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// What the reader last found for each inode, its entry and the bytes of its last read, each with the
/// <see cref="SysfsFileSystem.Version"/> it was taken at, and used again while that version stands: an open+read+close of
/// an unchanged file neither walks the layout nor renders and encodes its text again. A write changes the version, so the
/// next open or read after it asks the host (a read after a write sees the new state). Reader thread only.
/// </summary>
internal sealed class InodeCache(SysfsFileSystem fs)
{
    private const int Eio = 5;

    private Slot[] _slots = new Slot[256];

    /// <summary>The entry at <paramref name="path"/>, inode <paramref name="ino"/> (one handed out), or null when it is gone.</summary>
    public SysfsEntry? Entry(ulong ino, string path)
    {
        ref var slot = ref At(ino);

        // Taken before the host is asked: a write between the two leaves an older version here, so the next call asks again.
        var taken = fs.Version + 1;
        if (slot.EntryTaken != taken)
        {
            slot.Entry = fs.Lookup(path);
            slot.EntryTaken = taken;
        }

        return slot.Entry;
    }

    /// <summary>The bytes a read of the file at <paramref name="path"/> returns, or null and the errno it fails with.</summary>
    public byte[]? Text(ulong ino, string path, out int errno)
    {
        ref var slot = ref At(ino);
        var taken = fs.Version + 1;
        if (slot.TextTaken != taken)
        {
            var read = fs.Read(path);
            slot.Text = read.Content is { } content ? Encoding.UTF8.GetBytes(content) : null;
            slot.Errno = read.Content is not null ? 0 : read.Error?.Code ?? Eio;
            slot.TextTaken = taken;
        }

        errno = slot.Errno;
        return slot.Text;
    }

    private ref Slot At(ulong ino)
    {
        // Inode numbers are indices into Inodes' path list (below int.MaxValue), dense from 1.
        if (ino >= (ulong)_slots.Length)
        {
            Array.Resize(ref _slots, (int)Math.Max(ino + 1, (ulong)_slots.Length * 2));
        }

        return ref _slots[(int)ino];
    }

    /// <summary>A version of 0 (the default) is never taken: the versions stored are one above the file system's.</summary>
    private struct Slot
    {
        public long EntryTaken;
        public SysfsEntry? Entry;
        public long TextTaken;
        public byte[]? Text;
        public int Errno;
    }
}
