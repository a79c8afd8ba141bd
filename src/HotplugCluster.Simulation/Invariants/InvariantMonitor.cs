using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Checks invariants after every step a <see cref="KernelHost"/> executes (through <see cref="KernelHost.OnStep"/>) and
/// keeps the violations with the step that exposed them. Each distinct violation message is recorded once.
/// </summary>
public sealed class InvariantMonitor
{
    private readonly KernelHost _host;
    private readonly IReadOnlyList<IInvariant> _invariants;
    private readonly List<(StepExecution Step, InvariantViolation Violation)> _violations = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private InvariantMonitor(KernelHost host, IReadOnlyList<IInvariant> invariants)
    {
        _host = host;
        _invariants = invariants;
    }

    /// <summary>The violations found so far, each with the step after which it was first seen.</summary>
    public IReadOnlyList<(StepExecution Step, InvariantViolation Violation)> Violations => _violations;

    /// <summary>The invariants being checked.</summary>
    public IReadOnlyList<IInvariant> Invariants => _invariants;

    /// <summary>Installs a monitor on <paramref name="host"/> (replacing any other step callback); null: the standard set.</summary>
    public static InvariantMonitor Attach(KernelHost host, IReadOnlyList<IInvariant>? invariants = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var monitor = new InvariantMonitor(host, invariants ?? InvariantSet.Standard());
        host.OnStep = monitor.OnStep;
        return monitor;
    }

    /// <summary>Checks the current state outside any step (e.g. after boot or between operations).</summary>
    public IReadOnlyList<InvariantViolation> CheckNow() => InvariantSet.Check(_invariants, InvariantContext.Of(_host));

    /// <summary>A readable report of the violations: step index, operation, step, invariant and message.</summary>
    public string Report() => string.Join("\n", _violations.Select(v =>
        $"step {v.Step.Index} ({v.Step.OperationName}: {v.Step.Step}): {v.Violation}"));

    private void OnStep(StepExecution step)
    {
        foreach (var v in InvariantSet.Check(_invariants, InvariantContext.Of(_host, step)))
        {
            if (_seen.Add(v.ToString()))
            {
                _violations.Add((step, v));
            }
        }
    }
}
