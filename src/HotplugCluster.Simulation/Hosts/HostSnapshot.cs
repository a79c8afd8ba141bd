using System.Collections.Frozen;
using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// A quiescent host as other hosts can start from it (<see cref="SimulatedHost.Restore"/>): its events with their
/// streams and sequence numbers, how many operations it started, its problems, and which devices have actors.
/// Taken by <see cref="SimulatedHost.Snapshot"/>; never changed afterwards, so hosts on any thread share it.
/// </summary>
/// <remarks>
/// The snapshot keeps a copy of the host's kernel state (<see cref="HostState(HostState, HostStateStorage)"/>); a restored host starts from a
/// copy of that, which is what replaying the snapshot's events gives (SnapshotTests compares the two), without the replay.
/// </remarks>
public sealed class HostSnapshot
{
    /// <summary>Takes what a restore needs from a quiescent host's <paramref name="context"/>.</summary>
    internal HostSnapshot(HostContext context)
    {
        StreamPrefix = context.StreamPrefix;
        EnforceLocks = context.EnforceLocks;
        SignalAfterAttempts = context.SignalAfterAttempts;
        State = new HostState(context.State);
        KeptEvents = context.Events.Keep;
        Entries = [.. context.Events.Entries];
        Streams = context.Events.Streams();
        Operations = context.OperationsStarted;
        Problems = [.. context.Problems];
        Blocks = [.. context.Directory.BlockIdsWithDeferred()];
        DaxDevices = [.. context.Directory.DaxDeviceNames()];
        IdleThreads = [.. context.IdleThreads.Reverse().Select(t => t.Path.Name)];
        Steps = context.KernelSteps;
    }

    /// <summary>Whether the host kept its events: else <see cref="Entries"/> is empty and only hosts that keep none restore from it.</summary>
    public bool KeptEvents { get; }

    /// <summary>Every event since boot, in apply order, with its stream and sequence number (none when the host kept none).</summary>
    public IReadOnlyList<LoggedEvent> Entries { get; }

    /// <summary>Operations the host had started (a restored host's next is <c>op{Operations + 1}</c>).</summary>
    public long Operations { get; }

    /// <summary>Problems the host had reported.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Kernel steps the host had run when the snapshot was taken (<see cref="SimulatedHost.KernelSteps"/>); a restored host counts on from here.</summary>
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

    /// <summary>The actor names of the operation threads waiting for work (reused threads), first returned first.</summary>
    internal string[] IdleThreads { get; }
}
