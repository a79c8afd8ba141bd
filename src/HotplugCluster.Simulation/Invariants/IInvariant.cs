namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// A named, documented property of a host that must hold after every step (docs/invariants.md). Checks are pure
/// functions of the context, except that <see cref="JournalReflectsState"/> keeps a replayed shadow between calls.
/// Extension point: a new check implements this and joins <see cref="InvariantSet.Standard"/>.
/// </summary>
public interface IInvariant
{
    /// <summary>Kebab-case name, as it appears in violations and scenario expectations.</summary>
    string Name { get; }

    /// <summary>One sentence: what must hold.</summary>
    string Description { get; }

    /// <summary>The violations in <paramref name="context"/>; empty when the property holds.</summary>
    IEnumerable<InvariantViolation> Check(InvariantContext context);
}
