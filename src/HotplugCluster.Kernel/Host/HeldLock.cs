using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Kernel.Host;

/// <summary>A lock an operation holds: the lock and its instance (a block or dax device name; null for global locks).</summary>
public readonly record struct HeldLock(KernelLock Lock, string? Instance)
{
    public override string ToString() => Instance is null ? Lock.ToString() : $"{Lock}({Instance})";
}
