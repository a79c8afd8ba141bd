using Akka.Actor;
using Akka.TestKit.Xunit2;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Tests.Slices;

/// <summary>One member's worker slots lending waiting work to an idle peer (a probe stands for the peer's slots).</summary>
public sealed class SliceWorkersTests() : TestKit(TestMembers.InMemory)
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(20);
    private static readonly SliceWork First = new("job", new FleetSlice(0, 0, 5), [1]);
    private static readonly SliceWork Second = new("job", new FleetSlice(0, 5, 10), [1]);
    private static readonly MemberIdentity Member = new("1.0", "abc", "akka.tcp://hotplug@10.0.0.1:4053");
    private readonly ManualResetEventSlim _gate = new();

    [Fact]
    public void Waiting_work_is_lent_to_a_peer_that_wants_it_and_its_answer_goes_to_the_entity()
    {
        var (workers, peer) = OneRunningOneWaiting();
        var lent = peer.ExpectMsg<WorkLent>(Bounded);
        Assert.Equal(Second.Slice, lent.Slice);
        workers.Tell(new LentWorkDone(lent.Id, [42], null), peer.Ref);
        Assert.Equal(new byte[] { 42 }, ExpectMsg<SliceComputed>(Bounded).Hosts);

        _gate.Set();
        var own = ExpectMsg<SliceComputed>(Bounded);
        Assert.Equal(First.Slice, own.Slice);
        Assert.Equal(new byte[] { 0, 5 }, own.Hosts);
    }

    [Fact]
    public void Work_lent_to_a_peer_that_is_lost_runs_on_the_lender()
    {
        var (workers, peer) = OneRunningOneWaiting();
        peer.ExpectMsg<WorkLent>(Bounded);
        Sys.Stop(peer.Ref);
        _gate.Set();
        var slices = new[] { ExpectMsg<SliceComputed>(Bounded), ExpectMsg<SliceComputed>(Bounded) }.Select(c => c.Slice).ToHashSet();
        Assert.Equal(new HashSet<FleetSlice> { First.Slice, Second.Slice }, slices);
    }

    [Fact]
    public void Work_returned_by_a_busy_peer_waits_on_the_lender_and_runs_there()
    {
        var (workers, peer) = OneRunningOneWaiting();
        var lent = peer.ExpectMsg<WorkLent>(Bounded);
        workers.Tell(new LentWorkReturned(lent.Id), peer.Ref);
        _gate.Set();
        Assert.Equal(First.Slice, ExpectMsg<SliceComputed>(Bounded).Slice);
        Assert.Equal(Second.Slice, ExpectMsg<SliceComputed>(Bounded).Slice);
    }

    [Fact]
    public void Lent_work_is_returned_when_no_slot_is_idle()
    {
        var (workers, _) = OneRunningOneWaiting();
        var lender = CreateTestProbe();
        workers.Tell(new WorkLent(7, "job", new FleetSlice(1, 0, 5), [1]), lender.Ref);
        Assert.Equal(7, lender.ExpectMsg<LentWorkReturned>(Bounded).Id);
        _gate.Set();
    }

    [Fact]
    public void Nothing_is_lent_to_a_peer_of_another_configuration()
    {
        var workers = Sys.ActorOf(SliceWorkers.Props(1, Member, Compute));
        var other = CreateTestProbe();
        workers.Tell(new WorkWanted(1, Member.ModelVersion, "other"), other.Ref);
        workers.Tell(First);
        workers.Tell(Second);
        var peer = CreateTestProbe();
        workers.Tell(new WorkWanted(1, Member.ModelVersion, Member.Fingerprint), peer.Ref);

        // The one slice waiting goes to the peer of the same configuration, though the other asked first.
        Assert.Equal(Second.Slice, peer.ExpectMsg<WorkLent>(Bounded).Slice);
        _gate.Set();
    }

    // The first work blocks its slot until the gate opens, so the second waits; a peer then says it has a slot idle.
    private (IActorRef Workers, Akka.TestKit.TestProbe Peer) OneRunningOneWaiting()
    {
        var workers = Sys.ActorOf(SliceWorkers.Props(1, Member, Compute));
        workers.Tell(First);
        workers.Tell(Second);
        var peer = CreateTestProbe();
        workers.Tell(new WorkWanted(1, Member.ModelVersion, Member.Fingerprint), peer.Ref);
        return (workers, peer);
    }

    private byte[] Compute(SliceWork work)
    {
        if (work == First)
        {
            _gate.Wait(Bounded);
        }

        return [(byte)work.Slice.From, (byte)work.Slice.To];
    }
}
