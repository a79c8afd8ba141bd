using HotplugCluster.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;
using static HotplugCluster.Persistence.Actors.JournalProtocol;

namespace HotplugCluster.Persistence.Actors;

/// <summary>
/// An event-sourced actor, after Akka.Persistence's <c>PersistentActor</c>. At start (and after a restart) it
/// recovers: the latest snapshot is offered to <see cref="ReceiveRecover"/>, then every later event, then
/// <see cref="RecoveryCompleted"/>; commands that arrive meanwhile wait. A command handler calls
/// <see cref="Persist{TEvent}"/> / <see cref="PersistAll{TEvent}"/>; the events go to the journal actor (batched
/// with other actors' writes) and each handler runs once its event is stored, with <c>Sender</c> still the
/// command's sender. Until every handler of a command has run, no new command is handled (Akka's ordering
/// guarantee), so a reply sent from a handler always follows the stored event.
/// </summary>
/// <remarks>
/// With transient persistence (<see cref="PersistenceExtension.StartTransient"/>, for runs that journal nothing) an
/// event's handler runs at once, inside <c>Persist</c>, and recovery finds nothing.
/// Differences from Akka.NET: commands that wait go to the actor's own <see cref="ActorBase.Stash"/> and are
/// unstashed when the writes complete, so an actor that stashes messages itself gets those back too at that
/// point; recovery starts in <see cref="PreStart"/>, which is sealed (override <see cref="OnStarted"/>
/// instead); there is no <c>PersistAsync</c> or <c>Defer</c>.
/// </remarks>
public abstract class PersistentActor : UntypedActor
{
    // Journal bookkeeping lives in one object made at start when a journal is used, so an actor under transient
    // persistence (fleets keep millions of them) carries only a null reference and two counters.
    private Journaling? _j;
    private long _sequenceNr;

    /// <summary>The stream this actor's events are journaled under; must be stable across incarnations.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event recovered or stored (inside a Persist handler: that event's), 0 for a new stream.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number of the snapshot recovery started from (0 when none).</summary>
    public long SnapshotSequenceNr => _j?.SnapshotSequenceNr ?? 0;

    /// <summary>True until recovery has completed.</summary>
    public bool IsRecovering { get; private set; } = true;

    /// <summary>Where recovery starts and ends; override to recover to a point or to skip recovery.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The persistence this actor writes through (its system's by default).</summary>
    protected virtual PersistenceExtension Persistence => _j?.Persistence ?? PersistenceExtension.For(Context.System);

    /// <summary>Handles a recovered event, a <see cref="SnapshotOffer"/>, and finally <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command; may call <see cref="Persist{TEvent}"/>.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>Tags stored with <paramref name="evt"/> (queried with <c>CurrentEventsByTag</c>), besides the options' tagger.</summary>
    protected virtual IReadOnlyList<string> TagsFor(object evt) => [];

    /// <summary>Persists one event; <paramref name="handler"/> runs once it is stored.</summary>
    protected void Persist<TEvent>(TEvent evt, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        PersistAll([evt], handler);
    }

    /// <summary>Persists <paramref name="events"/> as one atomic write (all stored or none); <paramref name="handler"/> runs for each, in order.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (IsRecovering)
        {
            throw new InvalidOperationException($"{PersistenceId}: Persist called during recovery.");
        }

        var list = events.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        var persistence = Persistence;
        if (persistence.IsTransient)
        {
            foreach (var e in list)
            {
                LastSequenceNr = ++_sequenceNr;
                handler(e);
            }

            return;
        }

        var now = Context.Scheduler.Now.Ticks;
        var reprs = new PersistentRepr[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var (manifest, payload) = persistence.Codecs.Encode(list[i]);
            reprs[i] = new PersistentRepr(PersistenceId, ++_sequenceNr, manifest, payload, now, _j!.Writer) { Tags = Tags(persistence, list[i]) };
        }

        (_j!.Batch ??= []).Add((new AtomicWrite(reprs), () =>
        {
            for (var i = 0; i < list.Length; i++)
            {
                LastSequenceNr = reprs[i].SequenceNr;
                handler(list[i]);
            }
        }));
    }

    /// <summary>
    /// Under transient persistence, numbers <paramref name="count"/> events exactly as <see cref="PersistAll{TEvent}"/>
    /// would when no handler needs to run per event, and returns true; with a journal it does nothing and returns false
    /// (persist them with <see cref="PersistAll{TEvent}"/>). Spares a fleet's millions of steps a copy and two closures.
    /// </summary>
    protected bool TryPersistTransient(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (IsRecovering)
        {
            throw new InvalidOperationException($"{PersistenceId}: Persist called during recovery.");
        }

        if (!Persistence.IsTransient)
        {
            return false;
        }

        if (count > 0)
        {
            _sequenceNr += count;
            LastSequenceNr = _sequenceNr;
        }

        return true;
    }

    /// <summary>Stores <paramref name="snapshot"/> at <see cref="LastSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, payload) = Persistence.Codecs.Encode(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.Scheduler.Now.Ticks);
        if (Persistence.Journal is not { } journal)
        {
            Self.Tell(new SaveSnapshotFailure(metadata, new InvalidOperationException("persistence is transient: there is no snapshot store")), Self);
            return;
        }

        journal.Tell(new SaveSnapshotRequest(metadata, manifest, payload, Self), Self);
    }

    /// <summary>Deletes this stream's events up to <paramref name="toSequenceNr"/>; the outcome arrives as <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        if (Persistence.Journal is { } journal)
        {
            journal.Tell(new DeleteRequest(PersistenceId, toSequenceNr, Self), Self);
        }
        else
        {
            Self.Tell(new DeleteMessagesSuccess(toSequenceNr), Self);
        }
    }

    /// <summary>Recovery failed (a journal error, an undecodable event, a throwing handler); the actor stops afterwards. Publishes a <see cref="PersistenceFailure"/>.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, long sequenceNr) =>
        Context.System.EventStream.Publish(new PersistenceFailure(PersistenceId, sequenceNr, "recovery", cause));

    /// <summary>The journal rejected a write (e.g. another writer holds the sequence numbers); its handlers do not run and the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object evt, long sequenceNr) =>
        Context.System.EventStream.Publish(new PersistenceFailure(PersistenceId, sequenceNr, "persist-rejected", cause));

    /// <summary>The journal failed to write a batch; the actor stops afterwards, as in Akka.</summary>
    protected virtual void OnPersistFailure(Exception cause, object evt, long sequenceNr) =>
        Context.System.EventStream.Publish(new PersistenceFailure(PersistenceId, sequenceNr, "persist-failed", cause));

    /// <summary>Runs once recovery has been asked for, in place of <c>PreStart</c> (spawn children here); commands still wait for recovery.</summary>
    protected virtual void OnStarted()
    {
    }

    /// <summary>Starts recovery, then calls <see cref="OnStarted"/>.</summary>
    protected sealed override void PreStart()
    {
        var persistence = Persistence;
        if (persistence.IsTransient)
        {
            IsRecovering = false;
            ReceiveRecover(RecoveryCompleted.Instance);
        }
        else
        {
            var incarnation = persistence.NextIncarnation();
            _j = new Journaling(persistence, incarnation, $"{Self.Path}#{incarnation}");
            IsRecovering = true;
            persistence.Journal!.Tell(new RecoverRequest(PersistenceId, Recovery, Self, incarnation), Self);
        }

        OnStarted();
    }

    /// <inheritdoc/>
    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case Recovered recovered:
                if (recovered.Incarnation == _j?.Incarnation)
                {
                    OnRecovered(recovered);
                }

                return;
            case RecoveryFailed failed:
                if (failed.Incarnation == _j?.Incarnation)
                {
                    FailRecovery(failed.Cause, 0);
                }

                return;
            case WriteOutcome outcome:
                if (outcome.Incarnation == _j?.Incarnation)
                {
                    OnWriteOutcome(outcome);
                }

                return;
        }

        if (IsRecovering || _j?.Outstanding > 0)
        {
            Stash.Stash();
            return;
        }

        if (!ReceiveCommand(message))
        {
            Unhandled(message);
        }

        SendBatch();
    }

    private IReadOnlyList<string> Tags(PersistenceExtension persistence, object evt)
    {
        var own = TagsFor(evt);
        var extra = persistence.Options.Tagger?.Invoke(PersistenceId, evt) ?? [];
        return extra.Count == 0 ? own : own.Count == 0 ? extra : [.. own, .. extra];
    }

    private void SendBatch()
    {
        if (_j?.Batch is not { Count: > 0 } batch)
        {
            return;
        }

        var j = _j;
        foreach (var entry in batch)
        {
            j.InFlight.Enqueue(entry);
        }

        j.Persistence.Journal!.Tell(new WriteRequest([.. batch.Select(b => b.Write)], Self, j.Incarnation), Sender);
        j.Batch = null;
        j.Outstanding++;
    }

    private void OnWriteOutcome(WriteOutcome outcome)
    {
        if (outcome.Failure is { } failure)
        {
            var (write, _) = _j!.InFlight.Peek();
            OnPersistFailure(failure, write.Events[0], write.LowestSequenceNr);
            Context.Stop(Self);
            return;
        }

        foreach (var rejection in outcome.Rejections)
        {
            var (write, handlers) = _j!.InFlight.Dequeue();
            if (rejection is null)
            {
                handlers();
            }
            else
            {
                OnPersistRejected(rejection, write.Events[0], write.LowestSequenceNr);
            }
        }

        SendBatch();
        _j!.Outstanding--;
        if (_j.Outstanding == 0)
        {
            Stash.UnstashAll();
        }
    }

    private void OnRecovered(Recovered recovered)
    {
        var codecs = Persistence.Codecs;
        long current = 0;
        try
        {
            if (recovered.Snapshot is { } snapshot)
            {
                current = snapshot.Metadata.SequenceNr;
                var state = codecs.Decode(PersistenceId, current, snapshot.Manifest, snapshot.Payload.Span);
                LastSequenceNr = _j!.SnapshotSequenceNr = current;
                ReceiveRecover(new SnapshotOffer(snapshot.Metadata, state));
            }

            foreach (var repr in recovered.Events)
            {
                current = repr.SequenceNr;
                var evt = codecs.Decode(repr);
                LastSequenceNr = repr.SequenceNr;
                ReceiveRecover(evt);
            }

            if (Recovery.ToSequenceNr >= recovered.HighestSequenceNr || Recovery == Recovery.None)
            {
                LastSequenceNr = Math.Max(LastSequenceNr, recovered.HighestSequenceNr);
            }

            current = 0;
            _sequenceNr = LastSequenceNr;
            IsRecovering = false;
            ReceiveRecover(RecoveryCompleted.Instance);
        }
#pragma warning disable CA1031 // Akka: any failure during recovery is reported to OnRecoveryFailure and stops the actor
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FailRecovery(ex, current);
            return;
        }

        Stash.UnstashAll();
    }

    private void FailRecovery(Exception cause, long sequenceNr)
    {
        OnRecoveryFailure(cause, sequenceNr);
        Context.Stop(Self);
    }

    /// <summary>What an actor that writes to a journal keeps between messages.</summary>
    private sealed class Journaling(PersistenceExtension persistence, long incarnation, string writer)
    {
        public PersistenceExtension Persistence { get; } = persistence;

        public long Incarnation { get; } = incarnation;

        public string Writer { get; } = writer;

        public List<(AtomicWrite Write, Action Handlers)>? Batch { get; set; }

        public Queue<(AtomicWrite Write, Action Handlers)> InFlight { get; } = new();

        public int Outstanding { get; set; }

        public long SnapshotSequenceNr { get; set; }
    }
}
