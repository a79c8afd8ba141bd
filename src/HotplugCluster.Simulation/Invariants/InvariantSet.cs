namespace HotplugCluster.Simulation.Invariants;

/// <summary>The standard invariants (docs/invariants.md) and a helper that runs a list of them.</summary>
public static class InvariantSet
{
    /// <summary>A fresh instance of every standard invariant (fresh because <see cref="JournalReflectsState"/> keeps a shadow).</summary>
    public static IReadOnlyList<IInvariant> Standard() =>
    [
        new ZoneAccounting(),
        new MemmapPlacement(),
        new ResourceTreeNesting(),
        new OnlineBlockResource(),
        new RemovedRangeLeftovers(),
        new BlockReferences(),
        new LockDiscipline(),
        new MemoryGroupCounters(),
        new OrphanedCxlMemory(),
        new JournalReflectsState(),
    ];

    /// <summary>Every violation of <paramref name="invariants"/> in <paramref name="context"/>, in list order.</summary>
    public static IReadOnlyList<InvariantViolation> Check(IEnumerable<IInvariant> invariants, InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(invariants);
        return [.. invariants.SelectMany(i => i.Check(context))];
    }
}
