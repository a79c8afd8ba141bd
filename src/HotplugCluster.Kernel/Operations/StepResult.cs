using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Kernel.Operations;

/// <summary>What a step decided: events to apply, and optionally an errno or a request to run the step again.</summary>
/// <remarks>Most steps decide one or two events: they are held as they are, with no array around them (an array per step was a
/// sixth of what a fleet host allocated; a removal's, a migration's and an offline's two-event steps were ~5% more). Executors
/// read the events through <see cref="EventCount"/> and <see cref="EventAt"/>; <see cref="Events"/> makes the array on demand.</remarks>
public readonly record struct StepResult
{
    private readonly KernelEvent? _single;
    private readonly KernelEvent? _second;
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

    private StepResult(KernelEvent first, KernelEvent second, Errno? error, bool retry)
    {
        _single = first ?? throw new ArgumentNullException(nameof(first));
        _second = second ?? throw new ArgumentNullException(nameof(second));
        Error = error;
        Retry = retry;
    }

    /// <summary>The events in order (an array made here when the step decided one or two events).</summary>
    public ImmutableArray<KernelEvent> Events => _single is null ? (_many.IsDefault ? [] : _many) : _second is null ? [_single] : [_single, _second];

    /// <summary>How many events the step decided.</summary>
    public int EventCount => _single is null ? (_many.IsDefault ? 0 : _many.Length) : _second is null ? 1 : 2;

    public Errno? Error { get; }

    public bool Retry { get; }

    public bool Failed => Error is not null;

    /// <summary>The event at <paramref name="index"/> (0 to <see cref="EventCount"/> - 1), without making an array.</summary>
    public KernelEvent EventAt(int index) =>
        _single is null ? _many[index]
        : index == 0 ? _single
        : index == 1 && _second is not null ? _second
        : throw new ArgumentOutOfRangeException(nameof(index), index, _second is null ? "the step decided one event" : "the step decided two events");

    public static StepResult Ok() => new([], null, false);

    /// <summary>A success with the one event <paramref name="e"/>.</summary>
    public static StepResult Ok(KernelEvent e) => new(e, null, false);

    /// <summary>A success with the two events <paramref name="first"/> then <paramref name="second"/>.</summary>
    public static StepResult Ok(KernelEvent first, KernelEvent second) => new(first, second, null, false);

    /// <summary>A success with <paramref name="events"/>; the array is taken over, not copied (a step makes it fresh).</summary>
    public static StepResult Ok(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, false);

    public static StepResult Ok(IEnumerable<KernelEvent> events) => new([.. events], null, false);

    /// <summary>A failure with <paramref name="error"/> after the one event <paramref name="e"/>.</summary>
    public static StepResult Fail(Errno error, KernelEvent e) => new(e, error, false);

    public static StepResult Fail(Errno error, params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), error, false);

    /// <summary>Nothing could be done this time but the one event <paramref name="e"/>; the executor runs the same step again.</summary>
    public static StepResult Again(KernelEvent e) => new(e, null, true);

    /// <summary>Nothing could be done this time but the two events <paramref name="first"/> then <paramref name="second"/>; the executor runs the same step again.</summary>
    public static StepResult Again(KernelEvent first, KernelEvent second) => new(first, second, null, true);

    /// <summary>Nothing could be done this time; the executor runs the same step again (the kernel's retry loops).</summary>
    public static StepResult Again(params KernelEvent[] events) => new(ImmutableCollectionsMarshal.AsImmutableArray(events), null, true);
}
