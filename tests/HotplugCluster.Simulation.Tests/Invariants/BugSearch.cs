using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Invariants;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>
/// A bounded seed search: for each seed, boot a fresh host, run the scenario's operations interleaved in the
/// seed's order with every invariant checked after every step, and report the first seed whose run broke the
/// expected invariant (a deadlock counts as "deadlock").
/// </summary>
internal static class BugSearch
{
    public sealed record Finding(int Seed, string Invariant, string Detail);

    public static Finding? Find(
        Func<KernelHost> boot,
        Func<KernelHost, IReadOnlyList<KernelOperation>> operations,
        string invariant,
        int seeds = 100)
    {
        for (var seed = 0; seed < seeds; seed++)
        {
            var host = boot();
            host.EnforceLocks = false;
            var monitor = InvariantMonitor.Attach(host);
            var random = new Random(seed);
            try
            {
                host.RunInterleaved(operations(host), random.Next);
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("deadlock", StringComparison.Ordinal))
            {
                if (invariant == "deadlock")
                {
                    return new Finding(seed, invariant, ex.Message);
                }
            }

            foreach (var v in monitor.CheckNow())
            {
                if (v.Invariant == invariant)
                {
                    return new Finding(seed, invariant, $"after the run: {v.Message}");
                }
            }

            var hit = monitor.Violations.FirstOrDefault(v => v.Violation.Invariant == invariant);
            if (hit.Violation is not null)
            {
                return new Finding(seed, invariant, $"step {hit.Step.Index} ({hit.Step.OperationName}: {hit.Step.Step}): {hit.Violation.Message}");
            }
        }

        return null;
    }
}
