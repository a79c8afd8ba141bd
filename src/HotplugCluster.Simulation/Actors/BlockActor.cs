using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// One memory block device (memoryN): owns its slot of the block table and its <c>device_lock</c>. It holds its
/// index and the host context only (plus a lock queue while its lock is held), because a fleet has millions; its id
/// comes from its actor name ("memoryN", or "memoryN~k" for a re-added block whose old actor is still stopping).
/// </summary>
/// <remarks>drivers/base/memory.c: <c>struct memory_block</c>, created by <c>add_memory_block()</c>.</remarks>
internal sealed class BlockActor : HostPartActor
{
    private readonly uint _id;

    public BlockActor(HostContext host)
        : base(host)
    {
        var name = Context.SelfName();
        var end = name.IndexOf('~', StringComparison.Ordinal);
        _id = HostDirectory.BlockIdOf(end < 0 ? name : name[..end])
            ?? throw new InvalidOperationException($"a block actor must be named memoryN, not '{name}'");
        AdoptPendingDeviceLock();
    }

    // Kept with the stream once read (a fleet host's blocks commit without ever reading it, so most carry no string); the
    // same id as Host.PersistenceId(BlockName), and as the stream's (HostEventLog.BlockStream).
    public override string PersistenceId => CommittedPersistenceId ?? $"{Host.StreamPrefix}/memory{_id}";

    protected override HostEventLog.Stream OpenStream() => Host.Events.BlockStream(Host.StreamPrefix, _id, Host.Directory.BlockSlots);

    protected override LockName? DeviceLock => new LockName(KernelLock.MemoryBlockDevice, HostDirectory.BlockName(_id));

    /// <summary>"memoryN" compared in place: the same answer as <c>DeviceLock == name</c> without formatting the name.</summary>
    protected override bool IsDeviceLock(LockName name)
    {
        const string Prefix = "memory";
        if (name.Lock != KernelLock.MemoryBlockDevice || name.Instance is not { } instance || !instance.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<char> digits = stackalloc char[10];
        return _id.TryFormat(digits, out var n, default, System.Globalization.CultureInfo.InvariantCulture)
            && instance.AsSpan(Prefix.Length).SequenceEqual(digits[..n]);
    }
}
