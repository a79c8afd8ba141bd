using HotplugCluster.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;
using static HotplugCluster.Persistence.Actors.JournalProtocol;

namespace HotplugCluster.Persistence.Actors;

/// <summary>
/// The one writer of a system's journal. Write requests of all persistent actors that arrive before the actor
/// runs its flush (a message it sends itself on the first request) go into one transaction, so the more actors
/// persist at once, the bigger the batches. Recovery and deletes flush first, so a reader sees every
/// acknowledged write. The shipped journals complete synchronously, so this actor calls them inline; on the
/// deterministic dispatcher that keeps every run reproducible.
/// </summary>
internal sealed class JournalActor(IAsyncWriteJournal journal, ISnapshotStore? snapshots, PersistenceOptions options, JournalStatistics statistics) : UntypedActor
{
    private readonly List<(WriteRequest Request, IActorRef ReplyTo)> _pending = [];
    private int _pendingWrites;
    private bool _flushScheduled;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WriteRequest request:
                _pending.Add((request, Sender));
                _pendingWrites += request.Writes.Count;
                if (_pendingWrites >= options.MaxBatchWrites)
                {
                    FlushWrites();
                }
                else if (!_flushScheduled)
                {
                    _flushScheduled = true;
                    Self.Tell(Flush.Instance, Self);
                }

                return;
            case Flush:
                _flushScheduled = false;
                FlushWrites();
                return;
            case RecoverRequest recover:
                FlushWrites();
                Recover(recover);
                return;
            case SaveSnapshotRequest save:
                SaveSnapshot(save);
                return;
            case DeleteRequest delete:
                FlushWrites();
                Delete(delete);
                return;
            default:
                Unhandled(message);
                return;
        }
    }

    private void FlushWrites()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        _pendingWrites = 0;
        var writes = new List<AtomicWrite>(batch.Length);
        foreach (var (request, _) in batch)
        {
            writes.AddRange(request.Writes);
        }

        IReadOnlyList<Exception?> results;
        try
        {
            results = journal.WriteMessagesAsync(writes).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // a failed batch is reported to every writer in it, which then stops (Akka's persist failure)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            statistics.Record(0, 0, 0);
            foreach (var (request, replyTo) in batch)
            {
                request.Actor.Tell(new WriteOutcome(request.Incarnation, [], ex), replyTo);
            }

            return;
        }

        var offset = 0;
        var events = 0;
        var rejections = 0;
        foreach (var (request, replyTo) in batch)
        {
            var slice = new Exception?[request.Writes.Count];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = results[offset + i];
                if (slice[i] is null)
                {
                    events += request.Writes[i].Events.Count;
                }
                else
                {
                    rejections++;
                }
            }

            offset += slice.Length;
            request.Actor.Tell(new WriteOutcome(request.Incarnation, slice, null), replyTo);
        }

        statistics.Record(writes.Count, events, rejections);
    }

    private void Recover(RecoverRequest request)
    {
        try
        {
            SelectedSnapshot? snapshot = null;
            if (snapshots is not null && request.Recovery.FromSnapshot.MaxSequenceNr > 0)
            {
                snapshot = snapshots.LoadAsync(request.PersistenceId, request.Recovery.FromSnapshot).GetAwaiter().GetResult();
                if (snapshot is not null && snapshot.Metadata.SequenceNr > request.Recovery.ToSequenceNr)
                {
                    snapshot = null;
                }
            }

            var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
            var highest = journal.ReadHighestSequenceNrAsync(request.PersistenceId, 0).GetAwaiter().GetResult();
            var events = new List<PersistentRepr>();
            var to = Math.Min(request.Recovery.ToSequenceNr, highest);
            if (to >= from)
            {
                journal.ReplayMessagesAsync(request.PersistenceId, from, to, long.MaxValue, events.Add).GetAwaiter().GetResult();
            }

            request.Actor.Tell(new Recovered(request.Incarnation, snapshot, events, highest), Self);
        }
#pragma warning disable CA1031 // any journal failure during recovery is the actor's recovery failure
        catch (Exception ex)
#pragma warning restore CA1031
        {
            request.Actor.Tell(new RecoveryFailed(request.Incarnation, ex), Self);
        }
    }

    private void SaveSnapshot(SaveSnapshotRequest request)
    {
        if (snapshots is null)
        {
            request.Actor.Tell(new SaveSnapshotFailure(request.Metadata, new InvalidOperationException("this system's journal has no snapshot store")), Self);
            return;
        }

        try
        {
            snapshots.SaveAsync(request.Metadata, request.Manifest, request.Payload).GetAwaiter().GetResult();
            request.Actor.Tell(new SaveSnapshotSuccess(request.Metadata), Self);
        }
#pragma warning disable CA1031 // reported to the actor as SaveSnapshotFailure, as Akka does
        catch (Exception ex)
#pragma warning restore CA1031
        {
            request.Actor.Tell(new SaveSnapshotFailure(request.Metadata, ex), Self);
        }
    }

    private void Delete(DeleteRequest request)
    {
        try
        {
            journal.DeleteMessagesToAsync(request.PersistenceId, request.ToSequenceNr).GetAwaiter().GetResult();
            request.Actor.Tell(new DeleteMessagesSuccess(request.ToSequenceNr), Self);
        }
#pragma warning disable CA1031 // reported to the actor as DeleteMessagesFailure, as Akka does
        catch (Exception ex)
#pragma warning restore CA1031
        {
            request.Actor.Tell(new DeleteMessagesFailure(ex, request.ToSequenceNr), Self);
        }
    }
}
