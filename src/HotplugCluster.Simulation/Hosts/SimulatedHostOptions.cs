using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Where a <see cref="SimulatedHost"/> lives and what it records. Give <see cref="System"/> (a deterministic system)
/// or <see cref="Island"/> to put several hosts on one scheduler; otherwise the host creates its own deterministic
/// system from <see cref="Seed"/>, <see cref="Strategy"/> / <see cref="StrategyFactory"/> and <see cref="RecordTrace"/>.
/// </summary>
public sealed record SimulatedHostOptions
{
    /// <summary>The host's actor name and persistence id prefix (letters, digits, '-' and '_').</summary>
    public string Name { get; init; } = "host-0";

    /// <summary>An existing deterministic system to live in (under <c>/user/Name</c>); the caller owns it.</summary>
    public ActorSystem? System { get; init; }

    /// <summary>An existing island of a parallel system to live in (under its guardian); the caller owns it.</summary>
    public Island? Island { get; init; }

    /// <summary>Own system: the strategy's seed.</summary>
    public long Seed { get; init; }

    /// <summary>Own system: FIFO or seeded random.</summary>
    public SchedulingStrategyKind Strategy { get; init; } = SchedulingStrategyKind.Fifo;

    /// <summary>Own system: a custom strategy (replay, PCT); overrides <see cref="Strategy"/>.</summary>
    public Func<ISchedulingStrategy>? StrategyFactory { get; init; }

    /// <summary>Own system: record the dispatcher's choices.</summary>
    public bool RecordTrace { get; init; } = true;

    /// <summary>Keep the per-operation step log.</summary>
    public bool RecordSteps { get; init; } = true;

    /// <summary>
    /// How the host's actors talk: <see cref="HostProtocol.Exploration"/> (the default: every delivery is a step a schedule
    /// can choose) or <see cref="HostProtocol.Fleet"/> (leaves out the deliveries a lone sequential host never interleaves
    /// at; needs FIFO scheduling). Both give the same events, problems and step logs.
    /// </summary>
    public HostProtocol Protocol { get; init; } = HostProtocol.Exploration;

    /// <summary>
    /// A restored host's state is copied into storage a finished host gave back (<see cref="HostStateStorage.Recycle"/>), when
    /// there is some: a fleet worker's hosts follow one another on one thread.
    /// </summary>
    public HostStateStorage? StateStorage { get; init; }

    /// <summary>Keep the event log's entries (sequence numbers advance either way).</summary>
    public bool KeepEvents { get; init; } = true;

    /// <summary>
    /// Where the owners persist their events: by default the persistence started for the host's system
    /// (<c>PersistenceExtension.Start</c>), else transient, which writes nothing.
    /// </summary>
    public HotplugCluster.Persistence.Actors.PersistenceExtension? Persistence { get; init; }

    /// <summary>Prefix of the owners' persistence ids (default: <see cref="Name"/>); a recorded run uses <c>runId/host</c>.</summary>
    public string? StreamPrefix { get; init; }

    /// <summary>Called with persistence id and sequence number once each event is stored (after its journal write).</summary>
    public Action<string, long>? OnPersisted { get; init; }

    /// <summary>
    /// Called after every work step an owner runs, once the step's events are applied (boot included); invariant
    /// checks run from here (issue 6). Null: no cost.
    /// </summary>
    public Action<HostStep>? OnStep { get; init; }
}
