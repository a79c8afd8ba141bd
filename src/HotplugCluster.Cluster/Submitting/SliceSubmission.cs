using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// The submitter's side of one job: offers every slice to its entity through the shard region of a worker member (the
/// offers take turns over the workers up; a region forwards a slice whose shard lives elsewhere), offers again until the
/// entity accepts (messages sent before a region knows its shards' homes, or to a member that is leaving, can be lost),
/// keeps the first result of each slice (a slice rerun after a member's loss answers again: counted once), and completes
/// when all are in. Fails on a refusal, or when no member able to run hosts has been up for <c>member-timeout</c>.
/// A worker's region rather than a sharding proxy of its own: a proxy started with the submitter buffers every slice until
/// it has registered with the shard coordinator, retried every <c>akka.cluster.sharding.retry-interval</c> (2 s) after its
/// first tries, so a fresh submitter's slices waited 0.2-2 s before any was placed.
/// </summary>
public sealed class SliceSubmission : ReceiveActor, IWithTimers
{
    private readonly Dictionary<FleetSlice, RunSlice> _pending = [];
    private readonly HashSet<FleetSlice> _accepted = [];
    private readonly Dictionary<FleetSlice, byte[]> _done = [];
    private readonly List<Address> _workers = [];
    private readonly string _regionPath;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly Action<FleetSlice>? _progress;
    private readonly TaskCompletionSource<SubmissionResult> _result;
    private readonly TimeSpan _retry;
    private readonly System.Diagnostics.Stopwatch _clock = new();
    private long _messages;
    private long _bytes;
    private int _ticks;
    private int _turn;
    private int _ticksWithoutWorkers;

    /// <summary>
    /// A submission of <paramref name="slices"/> (each a <see cref="RunSlice"/> without its reply address) through the
    /// shard regions at <paramref name="regionPath"/> (e.g. <c>/system/sharding/slice</c>) of the worker members.
    /// </summary>
    public SliceSubmission(
        string regionPath, ImmutableArray<RunSlice> slices, TimeSpan retry, TimeSpan memberTimeout,
        Action<FleetSlice>? progress, TaskCompletionSource<SubmissionResult> result)
    {
        _serialization = Context.System.Serialization;
        _regionPath = regionPath;
        _progress = progress;
        _result = result;
        foreach (var s in slices)
        {
            _pending[s.Slice] = s with { ReplyTo = Self };
        }

        var patience = Math.Max(1, (int)Math.Ceiling(memberTimeout / retry));
        Receive<SliceAccepted>(m => { _accepted.Add(m.Slice); });
        Receive<SliceDone>(m =>
        {
            Count(m);
            if (_pending.Remove(m.Slice) && _done.TryAdd(m.Slice, m.Hosts))
            {
                _progress?.Invoke(m.Slice);
            }

            if (_pending.Count == 0)
            {
                _result.TrySetResult(new SubmissionResult(_done.ToImmutableDictionary(), new SubmitStats(_messages, _bytes, _done.Count, _workers.Count, _clock.Elapsed)));
                Context.Stop(Self);
            }
        });
        Receive<SliceRefused>(m =>
        {
            _result.TrySetException(new ClusterException(m.Reason));
            Context.Stop(Self);
        });
        Receive<ClusterEvent.MemberUp>(m => Track(m.Member));
        Receive<ClusterEvent.MemberRemoved>(m => { _workers.Remove(m.Member.Address); });
        Receive<ClusterEvent.MemberLeft>(m => { _workers.Remove(m.Member.Address); });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Tick>(_ =>
        {
            _ticks++;
            _ticksWithoutWorkers = _workers.Count == 0 ? _ticksWithoutWorkers + 1 : 0;
            if (_ticksWithoutWorkers > patience)
            {
                _result.TrySetException(new ClusterException($"no member able to run hosts (role {AkkaConfig.WorkerRole}) has been up for {memberTimeout.TotalSeconds:0}s; {_pending.Count} slices are left"));
                Context.Stop(Self);
                return;
            }

            // Unaccepted slices every tick; accepted ones now and then, in case their entity's answer was lost.
            foreach (var (slice, run) in _pending)
            {
                if (!_accepted.Contains(slice) || _ticks % 10 == 0)
                {
                    Send(run);
                }
            }
        });
        _retry = retry;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a submission.</summary>
    public static Props Props(
        string regionPath, ImmutableArray<RunSlice> slices, TimeSpan retry, TimeSpan memberTimeout,
        Action<FleetSlice>? progress, TaskCompletionSource<SubmissionResult> result) =>
        Akka.Actor.Props.Create(() => new SliceSubmission(regionPath, slices, retry, memberTimeout, progress, result));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var cluster = AkkaCluster.Get(Context.System);
        foreach (var up in cluster.State.Members.Where(m => m.Status == MemberStatus.Up))
        {
            Track(up);
        }

        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("retry", Tick.Instance, _retry);
        _clock.Start();
        foreach (var run in _pending.Values)
        {
            Send(run);
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        AkkaCluster.Get(Context.System).Unsubscribe(Self);
        _result.TrySetException(new ClusterException("the submission stopped before every slice was done"));
    }

    private void Track(Member member)
    {
        if (member.HasRole(AkkaConfig.WorkerRole) && !_workers.Contains(member.Address))
        {
            _workers.Add(member.Address);
        }
    }

    // No worker up: the offer waits for the next tick (and the job fails after member-timeout without one).
    private void Send(RunSlice run)
    {
        if (_workers.Count == 0)
        {
            return;
        }

        Count(run);
        var worker = _workers[_turn++ % _workers.Count];
        Context.ActorSelection(new RootActorPath(worker) + _regionPath).Tell(run);
    }

    private void Count(object message)
    {
        _messages++;
        _bytes += _serialization.FindSerializerFor(message).ToBinary(message).Length;
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
