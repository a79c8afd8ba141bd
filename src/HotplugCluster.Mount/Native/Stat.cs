using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct stat</c> of glibc on x86-64 (144 bytes), the fields getattr and readdir fill.</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct Stat
{
    public const uint IfDir = 0x4000;
    public const uint IfReg = 0x8000;
    public const uint IfLnk = 0xa000;

    [FieldOffset(8)]
    public ulong Ino;

    [FieldOffset(16)]
    public ulong Nlink;

    [FieldOffset(24)]
    public uint Mode;

    [FieldOffset(28)]
    public uint Uid;

    [FieldOffset(32)]
    public uint Gid;

    [FieldOffset(48)]
    public long Size;

    [FieldOffset(56)]
    public long Blksize;

    [FieldOffset(72)]
    public long Atime;

    [FieldOffset(88)]
    public long Mtime;

    [FieldOffset(104)]
    public long Ctime;
}
