namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Lock discipline: a work step runs only while its operation holds the lock the step names, and no operation
/// returns still holding a lock. Needs the executor's view (<see cref="InvariantContext.Step"/>, <see cref="InvariantContext.LeakedLocks"/>).
/// </summary>
/// <remarks>The lock rules of Documentation/core-api/memory-hotplug.rst "Locking Internals" (lockdep's <c>lockdep_assert_held()</c> and its "lock held when returning to user space").</remarks>
public sealed class LockDiscipline : IInvariant
{
    public string Name => "lock-discipline";

    public string Description => "a step that needs a lock runs only while holding it, and no lock is leaked";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Step is { LockHeld: false } step)
        {
            yield return new(Name, $"{step.OperationName} ran '{step.Step.Name}' without {step.Step.Lock}; it held [{string.Join(", ", step.Held)}]");
        }

        foreach (var leak in context.LeakedLocks ?? [])
        {
            yield return new(Name, $"returned holding a lock: {leak}");
        }
    }
}
