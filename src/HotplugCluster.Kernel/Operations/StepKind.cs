namespace HotplugCluster.Kernel.Operations;

/// <summary>Whether a step does work or takes / drops a lock.</summary>
public enum StepKind
{
    Work = 0,
    Acquire = 1,
    Release = 2,
}
