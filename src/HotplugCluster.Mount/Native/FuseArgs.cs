using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct fuse_args</c> (fuse_opt.h): argc, argv, allocated.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArgs
{
    public int Argc;
    public byte** Argv;
    public int Allocated;
}
