using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Operations;

/// <summary>A store that is one atomic step (module parameters, auto_online_blocks, debugfs files).</summary>
public sealed class AttributeStore(string name, StateOwner owner, Func<HostState, StepResult> store) : KernelOperation
{
    public override string Name => name;

    public override IEnumerable<KernelStep> Steps()
    {
        yield return Work(name, owner, KernelLock.None, store);
        Error = Last.Error;
    }
}
