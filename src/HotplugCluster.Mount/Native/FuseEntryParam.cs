using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct fuse_entry_param</c> of libfuse 3.14 (176 bytes): the inode, its attributes and how long the kernel may cache them.</summary>
[StructLayout(LayoutKind.Explicit, Size = 176)]
internal struct FuseEntryParam
{
    [FieldOffset(0)]
    public ulong Ino;

    [FieldOffset(16)]
    public Stat Attr;

    [FieldOffset(160)]
    public double AttrTimeout;

    [FieldOffset(168)]
    public double EntryTimeout;
}
