using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Invariants;
using HotplugCluster.TestKit;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>
/// The model-based random sequences of the kernel tests, with every standard invariant checked after every step,
/// sequentially and interleaved: on the fixed kernel (no bug switch) nothing fires.
/// </summary>
public sealed class FixedKernelSweepTests
{
    public static TheoryData<int, MemmapOnMemoryMode, KernelVersion> Seeds()
    {
        var data = new TheoryData<int, MemmapOnMemoryMode, KernelVersion>();
        for (var seed = 1; seed <= 8; seed++)
        {
            data.Add(seed, seed % 2 == 0 ? MemmapOnMemoryMode.On : MemmapOnMemoryMode.Off, seed % 3 == 0 ? KernelVersion.V6_1 : KernelVersion.V6_8);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_sequences_break_no_invariant_after_any_step(int seed, MemmapOnMemoryMode mode, KernelVersion version)
    {
        RandomizedTest.Run(seed, s =>
        {
            var host = KernelHost.Boot(Hosts.Config(mode, version, policy: s % 4 == 1 ? OnlinePolicy.AutoMovable : OnlinePolicy.ContigZones));
            host.SignalAfterAttempts = 3;
            var monitor = InvariantMonitor.Attach(host);
            Assert.Empty(monitor.CheckNow());
            var random = new Random((int)s);
            for (var i = 0; i < 150; i++)
            {
                RandomOperations.RunOne(host, random);
                Assert.True(monitor.Violations.Count == 0, $"after operation {i}:\n{monitor.Report()}");
            }

            Assert.True(host.StepsExecuted > 500, $"only {host.StepsExecuted} steps checked");
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_interleavings_under_a_seeded_fault_plan_break_no_invariant(int seed, MemmapOnMemoryMode mode, KernelVersion version)
    {
        // What an explorer does: derive the run's fault plan from the seed. Faults change outcomes (errnos,
        // rollbacks, retries), never the invariants of the fixed kernel.
        RandomizedTest.Run(seed, s =>
        {
            var host = KernelHost.Boot(Hosts.Config(mode, version));
            var random = new Random((int)s);
            var sites = (FaultSite)random.Next(16);
            host.State.Faults = FaultPlan.Choose(sites, random.Next, maxBlock: 4, maxPass: 4);
            var monitor = InvariantMonitor.Attach(host);
            for (var round = 0; round < 30; round++)
            {
                var ops = Enumerable.Range(0, 3).Select(_ => RandomOperations.Pick(host, random)).ToList();
                host.RunInterleaved(ops, random.Next);
                Assert.True(monitor.Violations.Count == 0, $"{host.State.Faults}, round {round} [{string.Join(", ", ops.Select(o => o.Name))}]:\n{monitor.Report()}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_interleavings_break_no_invariant_after_any_step(int seed, MemmapOnMemoryMode mode, KernelVersion version)
    {
        RandomizedTest.Run(seed, s =>
        {
            var host = KernelHost.Boot(Hosts.Config(mode, version));
            var monitor = InvariantMonitor.Attach(host);
            var random = new Random((int)s);
            for (var round = 0; round < 40; round++)
            {
                var ops = Enumerable.Range(0, 3).Select(_ => RandomOperations.Pick(host, random)).ToList();
                host.RunInterleaved(ops, random.Next);
                Assert.True(monitor.Violations.Count == 0, $"round {round} [{string.Join(", ", ops.Select(o => o.Name))}]:\n{monitor.Report()}");
            }
        });
    }
}
