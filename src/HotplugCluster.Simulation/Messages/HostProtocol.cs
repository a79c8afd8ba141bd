using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Messages;

/// <summary>Boot the host: commit the boot plan's events through their owners in order, then run the driver probes.</summary>
internal sealed record BootHost(IReadOnlyList<KernelEvent> Plan, Action<Exception?> Booted);

/// <summary>A boot event for its owner to commit.</summary>
internal sealed record CommitBoot(KernelEvent Event);

/// <summary>The owner committed the boot event.</summary>
internal sealed record BootCommitted
{
    public static BootCommitted Instance { get; } = new();
}

/// <summary>Start an operation's task actor (the kernel thread doing the write) under the host.</summary>
internal sealed record StartOperation(Hosts.OperationRequest Request, Hosts.OperationStatus? Status = null);

/// <summary>A reused operation thread runs <see cref="Request"/> as <see cref="Status"/> (see <see cref="Hosts.HostProtocol.Fleet"/>).</summary>
/// <remarks>
/// Reused too (<see cref="Hosts.HostContext.RunOperation"/>): an idle thread takes it as its first message for the operation
/// and copies its fields out, then hands it back to the host, so no one holds it past its delivery; a fleet host runs
/// thousands of operations.
/// </remarks>
internal sealed record RunOperation(Hosts.OperationStatus Status, Hosts.OperationRequest Request)
{
    public Hosts.OperationStatus Status { get; private set; } = Status;

    public Hosts.OperationRequest Request { get; private set; } = Request;

    /// <summary>This message, now for <paramref name="status"/> (null and default when handed back).</summary>
    public RunOperation Reuse(Hosts.OperationStatus status, Hosts.OperationRequest request)
    {
        (Status, Request) = (status, request);
        return this;
    }
}

/// <summary>
/// Start a host whose state was restored from a snapshot: spawn the actors of its block devices (ids ascending) and
/// dax devices (in the order the snapshot's host created them), as their owners would have when they were registered.
/// </summary>
internal sealed record RestoreHost(IReadOnlyList<uint> Blocks, IReadOnlyList<string> DaxDevices, IReadOnlyList<string> IdleThreads);

/// <summary>A block device was registered: the memory-hotplug core spawns its actor.</summary>
internal sealed record SpawnBlock(uint Id);

/// <summary>Block devices of a restored state (ids ascending): the memory-hotplug core spawns their actors, in one message.</summary>
internal sealed record SpawnBlocks(IReadOnlyList<uint> Ids);

/// <summary>A dax device was created: the dax bus spawns its actor.</summary>
internal sealed record SpawnDaxDevice(string Name);

/// <summary>Asks an actor for the names of its live children (for tests and <c>ls</c>-style tree views).</summary>
internal sealed record ListChildren
{
    public static ListChildren Instance { get; } = new();
}

/// <summary>The reply to <see cref="ListChildren"/>, in creation order.</summary>
internal sealed record ChildNames(IReadOnlyList<string> Names);
