using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// One work step an owner just ran and committed (its events are applied): the operation's id, the step, its
/// attempt (retry loops), and every lock held right now (<see cref="Held"/> is the host's live lock book: read it
/// during the callback only). Handed to <see cref="SimulatedHostOptions.OnStep"/>.
/// </summary>
public sealed record HostStep(string OpId, KernelStep Step, int Attempt, IReadOnlyList<LockHolding> Held);
