namespace HotplugCluster.Kernel.Events;

/// <summary>A change to kernel state, in the past tense. <see cref="Host.KernelApply"/> rebuilds state from these alone.</summary>
public abstract record KernelEvent;
