using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>An applied event with the stream it belongs to (<c>host-0/memory256</c>) and its number in that stream (from 1).</summary>
public sealed record LoggedEvent(string PersistenceId, long SequenceNr, KernelEvent Event);
