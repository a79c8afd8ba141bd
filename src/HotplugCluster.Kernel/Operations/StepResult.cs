using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Kernel.Operations;

/// <summary>What a step decided: events to apply, and optionally an errno or a request to run the step again.</summary>
public readonly record struct StepResult(ImmutableArray<KernelEvent> Events, Errno? Error, bool Retry)
{
    public static StepResult Ok() => new([], null, false);

    /// <summary>A success with <paramref name="events"/>; the array is taken over, not copied (a step makes it fresh).</summary>
    public static StepResult Ok(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, false);

    public static StepResult Ok(IEnumerable<KernelEvent> events) => new([.. events], null, false);

    public static StepResult Fail(Errno error, params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), error, false);

    /// <summary>Nothing could be done this time; the executor runs the same step again (the kernel's retry loops).</summary>
    public static StepResult Again(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, true);

    public bool Failed => Error is not null;
}
