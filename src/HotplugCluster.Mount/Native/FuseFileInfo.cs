using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct fuse_file_info</c> of libfuse 3.14 (40 bytes): open flags, the bitfield word (bit 1 direct_io), the file handle.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseFileInfo
{
    public const uint DirectIo = 1u << 1;

    [FieldOffset(0)]
    public int Flags;

    [FieldOffset(4)]
    public uint Bits;

    [FieldOffset(16)]
    public ulong Fh;
}
