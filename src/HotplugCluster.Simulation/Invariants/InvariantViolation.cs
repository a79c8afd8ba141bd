namespace HotplugCluster.Simulation.Invariants;

/// <summary>One broken invariant: which check (<see cref="IInvariant.Name"/>) and a readable account of what is wrong.</summary>
public sealed record InvariantViolation(string Invariant, string Message)
{
    public override string ToString() => $"{Invariant}: {Message}";
}
