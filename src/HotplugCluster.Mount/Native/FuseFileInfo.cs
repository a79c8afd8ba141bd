using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct fuse_file_info</c> of libfuse 3.14 (40 bytes): open flags, the bitfield word (bit 1 direct_io, bit 7 noflush), the file handle.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseFileInfo
{
    public const uint DirectIo = 1u << 1;

    /// <summary><c>FOPEN_NOFLUSH</c>: close(2) returns at once (fuse_flush(), fs/fuse/file.c), without writing back or locking the inode.</summary>
    public const uint NoFlush = 1u << 7;

    [FieldOffset(0)]
    public int Flags;

    [FieldOffset(4)]
    public uint Bits;

    [FieldOffset(16)]
    public ulong Fh;
}
