using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// One slice of one job, placed by Akka.Cluster.Sharding with remembered entities: it records the slice
/// (<see cref="SliceAssigned"/>) as it starts running it, so if its member dies sharding starts it again on another member, which
/// recovers the record and runs the slice again (deterministic, so with the same hosts); it records the result once
/// (<see cref="SliceFinished"/>), answers the submitter, and passivates. A finished slice answers from the journal.
/// </summary>
public sealed class SliceEntity : ReceivePersistentActor
{
    private readonly MemberIdentity _member;
    private readonly IActorRef _workers;
    private SliceAssigned? _assigned;
    private byte[]? _hosts;
    private bool _running;

    /// <summary>The entity of <paramref name="entityId"/> on a member of <paramref name="member"/>'s identity, computing on <paramref name="workers"/>.</summary>
    public SliceEntity(string entityId, MemberIdentity member, IActorRef workers)
    {
        PersistenceId = "slice-" + entityId;
        _member = member;
        _workers = workers;
        Recover<SliceAssigned>(e => _assigned = e);
        Recover<SliceFinished>(e => _hosts = e.Hosts);
        Recover<RecoveryCompleted>(_ => Resume());
        Command<RunSlice>(Handle);
        Command<SliceComputed>(Computed);
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The entity id of <paramref name="slice"/>, the <paramref name="ordinal"/>-th of job <paramref name="jobId"/>: JOB-ORDINAL-vV-FROM-TO.</summary>
    public static string IdOf(string jobId, int ordinal, FleetSlice slice) => $"{jobId}-{ordinal}-v{slice.Variant}-{slice.From}-{slice.To}";

    /// <summary>The ordinal written in <paramref name="entityId"/> by <see cref="IdOf"/>.</summary>
    public static int OrdinalOf(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var parts = entityId.Split('-');
        return parts.Length > 1 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Props for sharding's entity factory.</summary>
    public static Props Props(string entityId, MemberIdentity member, IActorRef workers) =>
        Akka.Actor.Props.Create(() => new SliceEntity(entityId, member, workers));

    private void Resume()
    {
        if (_assigned is null)
        {
            return;
        }

        if (_hosts is not null)
        {
            // Finished before its member stopped, but not yet passivated: answer again (the submitter keeps the first answer).
            Answer(ResolveReplyTo());
            return;
        }

        Run();
    }

    private void Handle(RunSlice run)
    {
        if (_member.Refusal(run.ModelVersion, run.Fingerprint) is { } reason)
        {
            run.ReplyTo.Tell(new SliceRefused(run.JobId, run.Slice, reason));
            return;
        }

        if (_hosts is not null)
        {
            Answer(run.ReplyTo);
            return;
        }

        if (_assigned is not null)
        {
            _assigned = _assigned with { ReplyTo = Akka.Serialization.Serialization.SerializedActorPath(run.ReplyTo) };
            run.ReplyTo.Tell(new SliceAccepted(run.JobId, run.Slice));
            if (!_running)
            {
                Run();
            }

            return;
        }

        // The slice runs while its record is written: the submitter counts it accepted only once it is recorded (until
        // then it offers again), and its result is recorded after it (commands wait while a record is being written),
        // so a member lost in between loses nothing. Waiting for the write held a member's first slice back by up to
        // 0.3 s when both members wrote to one SQLite file.
        _assigned = new SliceAssigned(run.JobId, run.Slice, run.Job, Akka.Serialization.Serialization.SerializedActorPath(run.ReplyTo));
        Run();
        Persist(_assigned, _ => run.ReplyTo.Tell(new SliceAccepted(run.JobId, run.Slice)));
    }

    private void Run()
    {
        _running = true;
        _workers.Tell(new SliceWork(_assigned!.JobId, _assigned.Slice, _assigned.Job));
    }

    private void Computed(SliceComputed computed)
    {
        if (!_running)
        {
            // A second answer for one run (work lent to a member thought lost that answered after all): recorded once.
            return;
        }

        _running = false;
        if (computed.Hosts is null)
        {
            ResolveReplyTo().Tell(new SliceRefused(_assigned!.JobId, _assigned.Slice, $"slice {_assigned.Slice} failed on {_member.Address}: {computed.Error}"));
            return;
        }

        Persist(new SliceFinished(computed.Hosts), e =>
        {
            _hosts = e.Hosts;
            Answer(ResolveReplyTo());
        });
    }

    private void Answer(IActorRef replyTo)
    {
        replyTo.Tell(new SliceDone(_assigned!.JobId, _assigned.Slice, _hosts!));
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private IActorRef ResolveReplyTo() => ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(_assigned!.ReplyTo);
}
