using System.Runtime.InteropServices;

namespace HotplugCluster.Mount.Native;

/// <summary><c>struct fuse_ctx</c> of libfuse 3.14 (what <c>fuse_req_ctx()</c> returns): the requesting thread's ids, as the kernel sent them in <c>fuse_in_header</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseContext
{
    public uint Uid;
    public uint Gid;

    /// <summary>The requesting thread's id (the kernel's <c>task_pid()</c>, not its process's), 0 when it is not visible in the daemon's pid namespace.</summary>
    public int Pid;
    public uint Umask;
}
