using Akka.Actor;
using Akka.Cluster;
using HotplugCluster.Cluster.Configuration;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// A member's worker slots: slice entities hand their <see cref="SliceWork"/> here and at most <c>workers</c> run at
/// once, each on a thread of its own (sharding starts every entity of a member at once; the hosts must not). Work
/// waits in arrival order; the result goes back to the entity that sent it. <c>report</c> (optional) gets a line when a
/// slice starts and when it ends: <c>slice JOB v0:0-5 started</c>, <c>... done</c> or <c>... failed: why</c>.
/// Idle slots pull work from the other worker members (so a job's members end together, whatever shard placement gave
/// each): slots that go idle with nothing waiting tell their peers (<see cref="WorkWanted"/>), a peer with work waiting
/// lends it (<see cref="WorkLent"/>), the borrower runs it at once or returns it, and answers the lender
/// (<see cref="LentWorkDone"/>), which answers its entity. The lender watches the borrower: work lent to a member that
/// is lost waits here again. Lent work is never lent on, and only to members of this one's model and configuration.
/// </summary>
public sealed class SliceWorkers : ReceiveActor
{
    /// <summary>The actor's name under /user on every member.</summary>
    public const string Name = "slice-workers";

    private readonly LinkedList<Item> _waiting = new();
    private readonly Dictionary<long, (Item Item, IActorRef Borrower)> _lent = [];
    private readonly Dictionary<IActorRef, int> _wanting = [];
    private readonly Dictionary<Address, ActorSelection> _peers = [];
    private readonly int _workers;
    private readonly MemberIdentity _member;
    private readonly Func<SliceWork, byte[]> _compute;
    private readonly Action<string>? _report;
    private int _running;
    private long _nextId;

    /// <summary>Runs <paramref name="compute"/> for each work item on up to <paramref name="workers"/> threads of <paramref name="member"/>.</summary>
    public SliceWorkers(int workers, MemberIdentity member, Func<SliceWork, byte[]> compute, Action<string>? report = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        _member = member;
        _compute = compute;
        _report = report;
        Receive<SliceWork>(work =>
        {
            _waiting.AddLast(new Item(work, Sender, null));
            Dispatch();
        });
        Receive<Finished>(Finish);
        Receive<WorkWanted>(m =>
        {
            if (_member.Refusal(m.ModelVersion, m.Fingerprint) is not null)
            {
                return;
            }

            _wanting[Sender] = m.Slots;
            Context.Watch(Sender);
            Dispatch();
        });
        Receive<WorkLent>(Borrow);
        Receive<LentWorkDone>(m =>
        {
            if (_lent.Remove(m.Id, out var lent))
            {
                lent.Item.ReplyTo.Tell(new SliceComputed(lent.Item.Work.Slice, m.Hosts, m.Error));
            }
        });
        Receive<LentWorkReturned>(m =>
        {
            if (_lent.Remove(m.Id, out var lent))
            {
                _wanting.Remove(lent.Borrower);
                _waiting.AddFirst(lent.Item);
                Dispatch();
            }
        });
        Receive<Terminated>(t => Lost(t.ActorRef));
        Receive<ClusterEvent.MemberUp>(m => Peer(m.Member));
        Receive<ClusterEvent.MemberRemoved>(m => { _peers.Remove(m.Member.Address); });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    /// <summary>Props of the slot keeper.</summary>
    public static Props Props(int workers, MemberIdentity member, Func<SliceWork, byte[]> compute, Action<string>? report = null) =>
        Akka.Actor.Props.Create(() => new SliceWorkers(workers, member, compute, report));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Peers are the other worker members (none on an actor system without cluster membership, e.g. a unit test's).
        if (((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.IClusterActorRefProvider)
        {
            AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.IClusterActorRefProvider)
        {
            AkkaCluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private int Idle => _workers - _running;

    private WorkWanted Wanted() => new(Idle, _member.ModelVersion, _member.Fingerprint);

    private void Peer(Member member)
    {
        if (member.HasRole(AkkaConfig.WorkerRole) && member.Address != AkkaCluster.Get(Context.System).SelfAddress)
        {
            var peer = Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name);
            _peers[member.Address] = peer;
            if (Idle > 0 && _waiting.Count == 0)
            {
                peer.Tell(Wanted());
            }
        }
    }

    // Own slots first, then the peers that want work; only the entities' own work is lent.
    private void Dispatch()
    {
        while (Idle > 0 && _waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            Start(first.Value);
        }

        var lendable = _waiting.First;
        while (lendable is not null && _wanting.Count > 0)
        {
            var next = lendable.Next;
            if (lendable.Value.LentId is null)
            {
                var (borrower, slots) = _wanting.First();
                _wanting.Remove(borrower);
                if (slots > 1)
                {
                    _wanting[borrower] = slots - 1;
                }

                var item = lendable.Value;
                _waiting.Remove(lendable);
                var id = ++_nextId;
                _lent[id] = (item, borrower);
                borrower.Tell(new WorkLent(id, item.Work.JobId, item.Work.Slice, item.Work.Job));
            }

            lendable = next;
        }
    }

    private void Borrow(WorkLent m)
    {
        if (Idle == 0 || _waiting.Count > 0)
        {
            Sender.Tell(new LentWorkReturned(m.Id));
            return;
        }

        Start(new Item(new SliceWork(m.JobId, m.Slice, m.Job), Sender, m.Id));
    }

    private void Finish(Finished done)
    {
        _running--;
        var item = done.Item;
        _report?.Invoke($"slice {item.Work.JobId} {item.Work.Slice} " + (done.Result.Error is { } e ? $"failed: {e}" : "done"));
        item.ReplyTo.Tell(item.LentId is { } id ? new LentWorkDone(id, done.Result.Hosts, done.Result.Error) : done.Result);
        Dispatch();
        if (Idle > 0 && _waiting.Count == 0)
        {
            foreach (var peer in _peers.Values)
            {
                peer.Tell(Wanted());
            }
        }
    }

    // A borrower's member is gone: what it held waits here again (its entities are still waiting for it).
    private void Lost(IActorRef borrower)
    {
        _wanting.Remove(borrower);
        foreach (var (id, lent) in _lent.Where(l => l.Value.Borrower.Equals(borrower)).ToList())
        {
            _lent.Remove(id);
            _waiting.AddFirst(lent.Item);
        }

        Dispatch();
    }

    private void Start(Item item)
    {
        _running++;
        var self = Self;
        var work = item.Work;
        _report?.Invoke($"slice {work.JobId} {work.Slice} started");
        var thread = new Thread(() =>
        {
            SliceComputed result;
            try
            {
                result = new SliceComputed(work.Slice, _compute(work), null);
            }
#pragma warning disable CA1031 // Whatever a slice throws is reported to its submitter as a refusal, not lost with the thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result = new SliceComputed(work.Slice, null, e.Message);
            }

            self.Tell(new Finished(item, result));
        })
        { IsBackground = true, Name = $"slice {work.Slice}" };
        thread.Start();
    }

    /// <summary>Work waiting or running: an entity's own (<c>LentId</c> null, answered to the entity) or lent by <c>ReplyTo</c>.</summary>
    private sealed record Item(SliceWork Work, IActorRef ReplyTo, long? LentId);

    private sealed record Finished(Item Item, SliceComputed Result);
}
