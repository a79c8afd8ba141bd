using System.Runtime.CompilerServices;
using HotplugCluster.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>
/// Persistence for one actor system (Akka's <c>Persistence</c> extension): the journal actor every
/// <see cref="PersistentActor"/> of the system writes through, the codecs that turn events into bytes, and
/// the snapshot store. Started once per system with <see cref="Start"/>.
/// </summary>
public sealed class PersistenceExtension
{
    private static readonly ConditionalWeakTable<ActorSystem, PersistenceExtension> Extensions = new();
    private long _incarnations;

    private PersistenceExtension(IActorRef? journal, EventCodecRegistry codecs, PersistenceOptions options, JournalStatistics statistics)
    {
        Journal = journal;
        Codecs = codecs;
        Options = options;
        Statistics = statistics;
    }

    /// <summary>Transient persistence not tied to a system (hosts in islands that journal nothing use it).</summary>
    public static PersistenceExtension Transient { get; } = new(null, new EventCodecRegistry(), PersistenceOptions.Default, new JournalStatistics());

    /// <summary>The persistence started for <paramref name="system"/>, or null.</summary>
    public static PersistenceExtension? TryGet(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Extensions.TryGetValue(system, out var extension) ? extension : null;
    }

    /// <summary>The journal actor (<c>/user/persistence-journal</c>), or null when persistence is transient.</summary>
    public IActorRef? Journal { get; }

    /// <summary>True when events are not journaled: handlers run at once and recovery finds nothing.</summary>
    public bool IsTransient => Journal is null;

    /// <summary>Encodes and decodes events and snapshots by manifest.</summary>
    public EventCodecRegistry Codecs { get; }

    /// <summary>The options it was started with.</summary>
    public PersistenceOptions Options { get; }

    /// <summary>Batching counters of the journal actor.</summary>
    public JournalStatistics Statistics { get; }

    /// <summary>Starts persistence for <paramref name="system"/>: spawns the journal actor over <paramref name="journal"/>.</summary>
    /// <exception cref="InvalidOperationException">Persistence was already started for this system.</exception>
    public static PersistenceExtension Start(ActorSystem system, IAsyncWriteJournal journal, EventCodecRegistry codecs, ISnapshotStore? snapshots = null, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(codecs);
        options ??= PersistenceOptions.Default;
        if (options.MaxBatchWrites < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxBatchWrites, "MaxBatchWrites must be at least 1.");
        }

        var statistics = new JournalStatistics();
        var actor = system.ActorOf(Props.Create(() => new JournalActor(journal, snapshots, options, statistics)), "persistence-journal");
        var extension = new PersistenceExtension(actor, codecs, options, statistics);
        if (!Extensions.TryAdd(system, extension))
        {
            system.Stop(actor);
            throw new InvalidOperationException($"Persistence is already started for actor system '{system.Name}'.");
        }

        return extension;
    }

    /// <summary>
    /// Starts transient persistence for <paramref name="system"/>: persistent actors run their handlers at once and
    /// write nothing (fleet runs that keep only summaries). A per-actor choice is not offered: a system either
    /// journals every event or none.
    /// </summary>
    public static PersistenceExtension StartTransient(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var extension = new PersistenceExtension(null, new EventCodecRegistry(), PersistenceOptions.Default, new JournalStatistics());
        return Extensions.TryAdd(system, extension)
            ? extension
            : throw new InvalidOperationException($"Persistence is already started for actor system '{system.Name}'.");
    }

    /// <summary>The persistence of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">It was not started.</exception>
    public static PersistenceExtension For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Extensions.TryGetValue(system, out var extension)
            ? extension
            : throw new InvalidOperationException($"No journal is started for actor system '{system.Name}': call PersistenceExtension.Start first.");
    }

    internal long NextIncarnation() => Interlocked.Increment(ref _incarnations);
}
