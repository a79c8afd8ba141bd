using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Locks;

/// <summary>One lock instance: a global lock (<see cref="Instance"/> null) or a device's lock ("memory256", "dax0.0").</summary>
public readonly record struct LockName(KernelLock Lock, string? Instance)
{
    /// <summary>The lock an acquire or release step names.</summary>
    public static LockName Of(KernelStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new LockName(step.Lock, step.Target);
    }

    public override string ToString() => Instance is null ? Lock.ToString() : $"{Lock}({Instance})";
}
