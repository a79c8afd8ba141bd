using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount.Tests;

/// <summary>A fact that needs a real FUSE mount: skipped, with the reason, where /dev/fuse, libfuse3 or root is missing.</summary>
public sealed class FuseFactAttribute : FactAttribute
{
    public FuseFactAttribute()
    {
        if (Reason() is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? Reason() =>
        LibFuse.Unavailable() ?? (Environment.IsPrivilegedProcess ? null : "FUSE mounts here need root (fuse_mount without fusermount3)");
}
