using System.Collections.Immutable;

namespace HotplugCluster.Fleet.Results;

/// <summary>
/// What one host's timeline gave. Capacity figures are taken just before the first reclaim (or at the end when the
/// timeline has none), in bytes: <see cref="CxlAddedBytes"/> hot-added as memory blocks, the memmap of those blocks
/// charged to DRAM (<see cref="MemmapDramBytes"/>) or carved from the CXL blocks as altmaps (<see cref="AltmapCxlBytes"/>),
/// CXL capacity left out by block alignment (<see cref="StrandedBytes"/>), and 1 GiB-aligned present ranges with and
/// without memmap carve-outs. <see cref="KernelPages"/> / <see cref="MovablePages"/> are managed pages per node, <see cref="UsedPages"/>
/// the allocated ones (memmaps and workload) of all nodes.
/// Reclaim: blocks attempted, removed, failures by errno name, and the kernel steps it took (<see cref="HotplugCluster.Simulation.Hosts.SimulatedHost.KernelSteps"/>).
/// <see cref="Blocks"/>: memory blocks at the host's largest; <see cref="Steps"/>: kernel steps of the whole timeline, boot included.
/// </summary>
public sealed record HostResult(
    int Index,
    string Class,
    long DramBytes,
    long CxlCapacityBytes,
    long CxlAddedBytes,
    long MemmapDramBytes,
    long AltmapCxlBytes,
    long UsableCxlBytes,
    long StrandedBytes,
    int Ranges1G,
    int FreeRanges1G,
    ImmutableArray<long> KernelPages,
    ImmutableArray<long> MovablePages,
    long UsedPages,
    long FillShortfallPages,
    int ReclaimAttempted,
    int ReclaimRemoved,
    ImmutableSortedDictionary<string, int> ReclaimFailures,
    long ReclaimSteps,
    int ReAdded,
    long Steps,
    int Blocks,
    ImmutableArray<string> Problems);
