using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A kernel code path as an ordered list of named steps. <see cref="Steps"/> is an iterator: what it
/// yields next may depend on earlier results (per-block loops, rollback), which it reads from
/// <see cref="Last"/>. Sub-operations are composed by yielding their steps.
/// Extension point: each kernel path derives from this class.
/// </summary>
public abstract class KernelOperation
{
    /// <summary>The kernel function this operation models, e.g. <c>add_memory_driver_managed</c>.</summary>
    public abstract string Name { get; }

    // The errnos are held boxed (null: none): an Errno? is 32 bytes, and an operation keeps two (its own and its last step's),
    // where a fleet host runs a thousand offline writes, two operations each. A box is made only when an errno is set.
    private object? _error;
    private object? _lastError;

    /// <summary>The result of the last step this operation (not a sub-operation) ran: whether it failed, and its errno.</summary>
    protected LastStep Last => new(_lastError);

    /// <summary>The operation's errno, or null on success. Set when the steps are exhausted.</summary>
    public Errno? Error { get => _error is Errno e ? e : null; protected set => _error = value is { } e ? e : null; }

    /// <summary>A positive "already in that state" return (<c>device_online()</c> returning 1).</summary>
    public int ReturnValue { get; protected set; }

    /// <summary>The steps, in order.</summary>
    public abstract IEnumerable<KernelStep> Steps();

    // The object every step with a target is written into, when an executor gave one (ReuseStepObject); else null.
    private KernelStep? _reused;

    /// <summary>
    /// Has this operation, and the sub-operations it runs through <see cref="Nested"/>, write every work step and every
    /// lock step with a target into <paramref name="step"/> instead of a new object (global locks' steps are shared
    /// already). Only for an executor that is done with a step, and keeps no reference to it, before it asks the
    /// iterator for the next one: one thread with one step out at a time (a fleet host's threads, where each offline
    /// write made ~11 step objects).
    /// </summary>
    public void ReuseStepObject(KernelStep step) => _reused = step;

    /// <summary>A sub-operation this operation runs by yielding its steps: it writes them into this operation's reused step object, if any.</summary>
    protected T Nested<T>(T sub)
        where T : KernelOperation
    {
        ArgumentNullException.ThrowIfNull(sub);
        sub._reused = _reused;
        return sub;
    }

    protected KernelStep Work(string name, StateOwner owner, KernelLock needs, Func<HostState, StepResult> run) =>
        _reused is { } step ? step.Refill(name, StepKind.Work, owner, needs, run, null, TargetOf(owner), this)
            : new(name, StepKind.Work, owner, needs, run) { Target = TargetOf(owner), Operation = this };

    /// <summary>
    /// A work step whose <paramref name="rule"/> takes this operation as its first argument: pass a static lambda, so the
    /// step costs no delegate (the hot operations of a fleet yield millions of steps).
    /// </summary>
    protected KernelStep Work(string name, StateOwner owner, KernelLock needs, Func<KernelOperation, HostState, StepResult> rule) =>
        _reused is { } step ? step.Refill(name, StepKind.Work, owner, needs, null, rule, TargetOf(owner), this)
            : new(name, StepKind.Work, owner, needs, null) { Rule = rule, Target = TargetOf(owner), Operation = this };

    /// <summary>A work step of this operation ran (<see cref="KernelStep.Execute"/>): its result is <see cref="Last"/>.</summary>
    internal void StepCompleted(StepResult result) => _lastError = result.Error is { } e ? e : null;

    /// <summary>What an operation reads of its last step's result (<see cref="StepResult"/> less its events, which it never reads).</summary>
    protected readonly struct LastStep
    {
        internal LastStep(object? boxed) => Boxed = boxed;

        /// <summary>The errno the step failed with, or null.</summary>
        public Errno? Error => Boxed is Errno e ? e : null;

        /// <summary>Whether the step failed (<see cref="StepResult.Failed"/>).</summary>
        public bool Failed => Boxed is not null;

        internal object? Boxed { get; }
    }

    /// <summary>The instance a step of this owner kind touches, known when the step is yielded (earlier steps have run).</summary>
    protected virtual string? TargetOf(StateOwner owner) => null;

    protected KernelStep Acquire(KernelLock @lock, string? instance = null) => LockStep(LockSteps.Acquires[(int)@lock], instance);

    protected KernelStep Release(KernelLock @lock, string? instance = null) => LockStep(LockSteps.Releases[(int)@lock], instance);

    private KernelStep LockStep(KernelStep shared, string? instance) =>
        instance is null ? shared
            : _reused is { } step ? step.Refill(shared.Name, shared.Kind, shared.Owner, shared.Lock, shared.Run, null, instance, null)
            : shared with { Target = instance };

    /// <summary>
    /// The lock steps of a global lock, made once: steps are immutable, and a fleet yields millions of them (an instance
    /// lock's step is a copy with its target, sharing the name).
    /// </summary>
    private static class LockSteps
    {
        public static readonly KernelStep[] Acquires = Make(StepKind.Acquire, "lock ");

        public static readonly KernelStep[] Releases = Make(StepKind.Release, "unlock ");

        private static KernelStep[] Make(StepKind kind, string verb)
        {
            var locks = Enum.GetValues<KernelLock>();
            var steps = new KernelStep[locks.Max(l => (int)l) + 1];
            foreach (var l in locks)
            {
                steps[(int)l] = new KernelStep(verb + l, kind, StateOwner.None, l, static _ => StepResult.Ok());
            }

            return steps;
        }
    }
}
