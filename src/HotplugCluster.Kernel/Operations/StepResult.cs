using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Kernel.Operations;

/// <summary>What a step decided: events to apply, and optionally an errno or a request to run the step again.</summary>
/// <remarks>Most steps decide one event: it is held as it is, with no array around it (an array per step was a sixth of what a
/// fleet host allocated). Executors read the events through <see cref="EventCount"/> and <see cref="EventAt"/>; <see cref="Events"/>
/// makes the array on demand.</remarks>
public readonly record struct StepResult
{
    private readonly KernelEvent? _single;
    private readonly ImmutableArray<KernelEvent> _many;

    public StepResult(ImmutableArray<KernelEvent> events, Errno? error, bool retry)
    {
        _many = events.IsDefault ? [] : events;
        Error = error;
        Retry = retry;
    }

    private StepResult(KernelEvent single, Errno? error, bool retry)
    {
        _single = single ?? throw new ArgumentNullException(nameof(single));
        Error = error;
        Retry = retry;
    }

    /// <summary>The events in order (an array made here when the step decided a single event).</summary>
    public ImmutableArray<KernelEvent> Events => _single is null ? (_many.IsDefault ? [] : _many) : [_single];

    /// <summary>How many events the step decided.</summary>
    public int EventCount => _single is null ? (_many.IsDefault ? 0 : _many.Length) : 1;

    public Errno? Error { get; }

    public bool Retry { get; }

    public bool Failed => Error is not null;

    /// <summary>The event at <paramref name="index"/> (0 to <see cref="EventCount"/> - 1), without making an array.</summary>
    public KernelEvent EventAt(int index) =>
        _single is null ? _many[index] : index == 0 ? _single : throw new ArgumentOutOfRangeException(nameof(index), index, "the step decided one event");

    public static StepResult Ok() => new([], null, false);

    /// <summary>A success with the one event <paramref name="e"/>.</summary>
    public static StepResult Ok(KernelEvent e) => new(e, null, false);

    /// <summary>A success with <paramref name="events"/>; the array is taken over, not copied (a step makes it fresh).</summary>
    public static StepResult Ok(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, false);

    public static StepResult Ok(IEnumerable<KernelEvent> events) => new([.. events], null, false);

    /// <summary>A failure with <paramref name="error"/> after the one event <paramref name="e"/>.</summary>
    public static StepResult Fail(Errno error, KernelEvent e) => new(e, error, false);

    public static StepResult Fail(Errno error, params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), error, false);

    /// <summary>Nothing could be done this time but the one event <paramref name="e"/>; the executor runs the same step again.</summary>
    public static StepResult Again(KernelEvent e) => new(e, null, true);

    /// <summary>Nothing could be done this time; the executor runs the same step again (the kernel's retry loops).</summary>
    public static StepResult Again(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, true);
}
