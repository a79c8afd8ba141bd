using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// The layout of runs in a journal. A run <c>R</c> has a metadata stream <c>run/R</c> (<see cref="RunStarted"/>,
/// then <see cref="RunFinished"/>), a schedule stream <c>run/R/schedule</c> (the dispatcher's choices), and the
/// kernel events of its actors under <c>R/host/owner</c> ids, every one tagged <c>run:R</c> so that the run's
/// events read back in the order they were journaled.
/// </summary>
public sealed class RunJournal
{
    private const string Prefix = "run/";
    private const string ScheduleSuffix = "/schedule";
    private const int ChunkSize = 64 * 1024;

    private readonly IJournalStore _store;

    public RunJournal(IJournalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The store underneath.</summary>
    public IJournalStore Store => _store;

    /// <summary>Codecs for kernel events and run metadata.</summary>
    public static EventCodecRegistry Codecs() =>
        KernelEventCodecs.RegisterAll(new EventCodecRegistry())
            .Register<RunStarted>(
                "RunStarted.v1",
                (e, w) =>
                {
                    w.WriteString(e.RunId);
                    w.WriteString(e.Command);
                    w.WriteString(e.Source);
                    w.WriteString(e.Config);
                    w.WriteInt64(e.Seed);
                    w.WriteString(e.Strategy);
                    w.WriteString(e.ModelVersion);
                    w.WriteString(e.StartedUtc);
                },
                static (ref EventReader r) => new RunStarted(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString()))
            .Register<RunFinished>(
                "RunFinished.v1",
                (e, w) =>
                {
                    w.WriteInt64(e.Events);
                    w.WriteInt64(e.Steps);
                    w.WriteString(e.Outcome);
                },
                static (ref EventReader r) => new RunFinished(r.ReadInt64(), r.ReadInt64(), r.ReadString()))
            .Register<ScheduleRecorded>(
                "ScheduleRecorded.v1",
                (e, w) =>
                {
                    w.WriteInt32(e.Chunk);
                    w.WriteBytes(e.Trace);
                },
                static (ref EventReader r) => new ScheduleRecorded(r.ReadInt32(), r.ReadBytes()));

    /// <summary>The metadata stream of a run.</summary>
    public static string MetadataId(string runId) => Prefix + runId;

    /// <summary>The schedule stream of a run.</summary>
    public static string ScheduleId(string runId) => Prefix + runId + ScheduleSuffix;

    /// <summary>The tag every kernel event of a run carries.</summary>
    public static string Tag(string runId) => "run:" + runId;

    /// <summary>What the persistence ids of a run's kernel-state owners start with: <c>R/</c>.</summary>
    public static string StreamPrefix(string runId) => runId + "/";

    /// <summary>
    /// The run's kernel events as stored, in journal order (every owner stream under <see cref="StreamPrefix"/>); a
    /// stream missing an event is a <see cref="JournalException"/> naming the missing <c>persistence-id#seq</c>.
    /// </summary>
    public IReadOnlyList<EventEnvelope> StoredEvents(string runId)
    {
        var events = _store.CurrentEventsByPersistenceIdPrefix(StreamPrefix(runId));
        CheckContiguous(events);
        return events;
    }

    /// <summary>The persistence id of a host's state owner in a run, e.g. <c>quickstart-1/host-0/memory256</c>.</summary>
    public static string OwnerId(string runId, string host, string owner) => $"{runId}/{host}/{owner}";

    /// <summary>A fresh run id <c>name-N</c>, N one more than the runs of that name already in the journal.</summary>
    public string NewRunId(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var taken = RunIds().Where(id => id.StartsWith(name + "-", StringComparison.Ordinal))
            .Select(id => long.TryParse(id.AsSpan(name.Length + 1), out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return $"{name}-{taken + 1}";
    }

    /// <summary>Every run id in the journal, sorted.</summary>
    public IReadOnlyList<string> RunIds() =>
        [.. _store.CurrentPersistenceIds()
            .Where(id => id.StartsWith(Prefix, StringComparison.Ordinal) && !id.EndsWith(ScheduleSuffix, StringComparison.Ordinal))
            .Select(id => id[Prefix.Length..])];

    /// <summary>
    /// Starts a run under a fresh id <c>name-N</c> and returns the id. Writing <see cref="RunStarted"/> as event #1
    /// of the run's metadata stream claims the id: the journal stores a stream's #1 once, atomically, whoever else
    /// writes, so when another process claimed the same number first, the next one is tried.
    /// </summary>
    public string StartUnderFreshId(string name, Func<string, RunStarted> started)
    {
        ArgumentNullException.ThrowIfNull(started);
        for (var attempt = 0; attempt < MaxClaims; attempt++)
        {
            var runId = NewRunId(name);
            var result = _store.WriteMessagesAsync([new AtomicWrite(Repr(MetadataId(runId), 1, started(runId)))]).GetAwaiter().GetResult()[0];
            if (result is null)
            {
                return runId;
            }

            if (result is not WriteRejectedException)
            {
                throw result;
            }
        }

        throw new JournalException($"{_store.DataSource}: no run id for '{name}' after {MaxClaims} tries: other runs claimed each number first");
    }

    private const int MaxClaims = 1000;

    /// <summary>Writes the run's first event; a run id that already exists is rejected.</summary>
    public void Start(RunStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        Write(MetadataId(started.RunId), 1, started);
    }

    /// <summary>Writes the run's last metadata event.</summary>
    public void Finish(string runId, RunFinished finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        Write(MetadataId(runId), 2, finished);
    }

    /// <summary>Writes the dispatcher's recorded choices in chunks.</summary>
    public void WriteSchedule(string runId, ReadOnlySpan<byte> trace)
    {
        var chunk = 0;
        var offset = 0;
        var writes = new List<AtomicWrite>();
        do
        {
            var length = Math.Min(ChunkSize, trace.Length - offset);
            var evt = new ScheduleRecorded(chunk, trace.Slice(offset, length).ToArray());
            writes.Add(new AtomicWrite(Repr(ScheduleId(runId), chunk + 1, evt)));
            offset += length;
            chunk++;
        }
        while (offset < trace.Length);

        Check(_store.WriteMessagesAsync(writes).GetAwaiter().GetResult());
    }

    /// <summary>The run's metadata, or null when there is no such run; a damaged run is a <see cref="JournalException"/> saying why.</summary>
    public RunSummary? Summary(string runId)
    {
        var metadataId = MetadataId(runId);
        var metadata = _store.CurrentEventsByPersistenceId(metadataId);
        if (metadata.Count == 0)
        {
            return null;
        }

        CheckContiguous(metadata);
        var codecs = SharedCodecs.Value;
        var started = codecs.Decode(metadata[0].Event) as RunStarted
            ?? throw JournalException.At(metadataId, 1, $"holds {metadata[0].Event.Manifest} where the run's RunStarted belongs");
        var finished = metadata.Count > 1
            ? codecs.Decode(metadata[1].Event) as RunFinished ?? throw JournalException.At(metadataId, 2, $"holds {metadata[1].Event.Manifest} where the run's RunFinished belongs")
            : null;
        return new RunSummary(started, finished, StoredEvents(runId).Count);
    }

    /// <summary>Every run in run-id order: with its metadata, or, when it is damaged, with why; one damaged run hides no other.</summary>
    public IReadOnlyList<RunListing> Runs()
    {
        using var snapshot = _store.ReadSnapshot();
        var runs = new List<RunListing>();
        foreach (var runId in RunIds())
        {
            try
            {
                if (Summary(runId) is { } summary)
                {
                    runs.Add(new RunListing(runId, summary, null));
                }
            }
            catch (JournalException e)
            {
                runs.Add(new RunListing(runId, null, e.Message));
            }
        }

        return runs;
    }

    /// <summary>The run's kernel events in journal order, numbered from 1, decoded.</summary>
    public IReadOnlyList<JournaledEvent> Events(string runId, long from = 1, long to = long.MaxValue)
    {
        var codecs = SharedCodecs.Value;
        var all = StoredEvents(runId);
        var result = new List<JournaledEvent>();
        for (var i = 0; i < all.Count; i++)
        {
            var index = i + 1L;
            if (index >= from && index <= to)
            {
                result.Add(new JournaledEvent(index, all[i].Ordering, all[i].Event, codecs.Decode(all[i].Event)));
            }
        }

        return result;
    }

    /// <summary>The run's recorded schedule (the concatenated chunks).</summary>
    public byte[] Schedule(string runId)
    {
        var codecs = SharedCodecs.Value;
        using var buffer = new MemoryStream();
        var chunks = _store.CurrentEventsByPersistenceId(ScheduleId(runId));
        CheckContiguous(chunks);
        foreach (var envelope in chunks)
        {
            buffer.Write(((ScheduleRecorded)codecs.Decode(envelope.Event)).Trace);
        }

        return buffer.ToArray();
    }

    private static readonly Lazy<EventCodecRegistry> SharedCodecs = new(Codecs);

    // A run's streams are written from #1 without skipping (an owner recovers nothing and a block removed and added
    // again continues its stream), and a stream's events are stored in sequence order, so read in journal order each
    // stream counts 1, 2, 3, ...: any other number means events are missing or out of place.
    private static void CheckContiguous(IReadOnlyList<EventEnvelope> events)
    {
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i].Event;
            var previous = last.GetValueOrDefault(e.PersistenceId);
            if (e.SequenceNr != previous + 1)
            {
                throw e.SequenceNr > previous + 1
                    ? JournalException.At(e.PersistenceId, previous + 1, $"missing from the journal ({(previous == 0 ? "the stream starts at" : $"the stream goes from #{previous} to")} #{e.SequenceNr})")
                    : JournalException.At(e.PersistenceId, e.SequenceNr, $"stored after #{previous} (journal order must follow sequence numbers)");
            }

            last[e.PersistenceId] = e.SequenceNr;
        }
    }

    private static PersistentRepr Repr(string persistenceId, long sequenceNr, object evt)
    {
        var (manifest, payload) = SharedCodecs.Value.Encode(evt);
        return new PersistentRepr(persistenceId, sequenceNr, manifest, payload, 0, "hotplug");
    }

    private void Write(string persistenceId, long sequenceNr, object evt) =>
        Check(_store.WriteMessagesAsync([new AtomicWrite(Repr(persistenceId, sequenceNr, evt))]).GetAwaiter().GetResult());

    private static void Check(IReadOnlyList<Exception?> results)
    {
        if (results.FirstOrDefault(r => r is not null) is { } rejection)
        {
            throw rejection;
        }
    }
}
