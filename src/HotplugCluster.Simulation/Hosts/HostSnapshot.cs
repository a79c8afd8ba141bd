using System.Collections.Frozen;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// A quiescent host as other hosts can start from it (<see cref="SimulatedHost.Restore"/>): its events with their
/// streams and sequence numbers, how many operations it started, its problems, and which devices have actors.
/// Taken by <see cref="SimulatedHost.Snapshot"/>; never changed afterwards, so hosts on any thread share it.
/// </summary>
/// <remarks>
/// The snapshot keeps a copy of the host's kernel state (<see cref="HostState(HostState)"/>); a restored host starts from a
/// copy of that, which is what replaying the snapshot's events gives (SnapshotTests compares the two), without the replay.
/// </remarks>
public sealed class HostSnapshot
{
    internal HostSnapshot(
        HostState state,
        LoggedEvent[] entries,
        FrozenDictionary<string, long> streams,
        long operations,
        string[] problems,
        uint[] blocks,
        string[] daxDevices,
        long steps,
        HostContext context)
    {
        StreamPrefix = context.StreamPrefix;
        EnforceLocks = context.EnforceLocks;
        SignalAfterAttempts = context.SignalAfterAttempts;
        State = state;
        Entries = entries;
        Streams = streams;
        Operations = operations;
        Problems = problems;
        Blocks = blocks;
        DaxDevices = daxDevices;
        Steps = steps;
    }

    /// <summary>The layout the host was booted with (resolved once, shared).</summary>
    public HostLayout Layout => State.Layout;

    /// <summary>Every event since boot, in apply order, with its stream and sequence number.</summary>
    public IReadOnlyList<LoggedEvent> Entries { get; }

    /// <summary>Operations the host had started (a restored host's next is <c>op{Operations + 1}</c>).</summary>
    public long Operations { get; }

    /// <summary>Problems the host had reported.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Dispatcher steps the host's scheduler had run when the snapshot was taken (0 for a host on its own system).</summary>
    public long Steps { get; }

    /// <summary>The prefix of the snapshot's persistence ids; a restored host must have the same.</summary>
    public string StreamPrefix { get; }

    internal bool EnforceLocks { get; }

    internal int SignalAfterAttempts { get; }

    /// <summary>A copy of the snapshot host's state, never changed: restored hosts start from copies of it.</summary>
    internal HostState State { get; }

    internal FrozenDictionary<string, long> Streams { get; }

    internal uint[] Blocks { get; }

    internal string[] DaxDevices { get; }
}
