using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>Which actor owns a step's partition, and which actor serves a lock (docs/simulation.md, "Owners").</summary>
internal static class StepRouter
{
    /// <summary>The step kmem.c's file-scope <c>any_hotremove_failed</c> is set by; the model tags it Host.</summary>
    private const string AnyHotremoveFailed = "any_hotremove_failed";

    public static IActorRef OwnerOf(HostDirectory dir, KernelStep step) => step.Owner switch
    {
        StateOwner.Host when step.Name == AnyHotremoveFailed => dir.Kmem,
        StateOwner.None or StateOwner.Host => dir.Host,
        StateOwner.Resources or StateOwner.MemoryGroups => dir.Mhp,
        StateOwner.Node => dir.Node(step.Target) ?? dir.Mhp,
        StateOwner.Block => HostDirectory.BlockIdOf(step.Target) is { } id ? dir.Block(id) ?? dir.Mhp : dir.Mhp,
        StateOwner.DaxBus => dir.DaxBus,
        StateOwner.DaxDevice => step.Target is { } dev ? dir.DaxDevice(dev) ?? dir.DaxBus : dir.DaxBus,
        StateOwner.CxlDevice => dir.CxlDevice(step.Target) ?? throw new InvalidOperationException($"step '{step.Name}': no CXL device {step.Target}"),
        _ => throw new InvalidOperationException($"step '{step.Name}' has an unknown owner {step.Owner}"),
    };

    public static IActorRef LockOwnerOf(HostDirectory dir, LockName name) => name.Lock switch
    {
        KernelLock.MemoryBlockDevice => HostDirectory.BlockIdOf(name.Instance) is { } id ? dir.Block(id) ?? dir.Mhp : dir.Mhp,
        KernelLock.DaxDevice => name.Instance is { } dev ? dir.DaxDevice(dev) ?? dir.DaxBus : dir.DaxBus,
        KernelLock.CxlMemdev => dir.CxlDevice(name.Instance) ?? throw new InvalidOperationException($"no CXL device for {name}"),
        _ => dir.GlobalLock(name.Lock) ?? throw new InvalidOperationException($"no lock actor for {name}"),
    };
}
