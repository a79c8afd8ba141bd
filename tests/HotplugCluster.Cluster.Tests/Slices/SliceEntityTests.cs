using Akka.Actor;
using Akka.TestKit.Xunit2;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Tests.Slices;

/// <summary>The slice protocol on one actor system with the in-memory journal: record, run once, answer from the journal, refuse strangers.</summary>
public sealed class SliceEntityTests() : TestKit(TestMembers.InMemory)
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(20);
    private static readonly FleetSlice Slice = new(0, 0, 3);
    private static readonly MemberIdentity Member = new("1.0", "abc", "akka.tcp://hotplug@10.0.0.1:4053");
    private int _computed;

    [Fact]
    public void RunSlice_is_accepted_then_done_with_the_computed_hosts()
    {
        var entity = Entity("e1");
        entity.Tell(Run("1.0", "abc"));
        ExpectMsg<SliceAccepted>(Bounded);
        var done = ExpectMsg<SliceDone>(Bounded);
        Assert.Equal(Slice, done.Slice);
        Assert.Equal(new byte[] { 0, 3 }, done.Hosts);
        Assert.Equal(1, _computed);
    }

    [Fact]
    public void A_finished_slice_answers_from_the_journal_without_running_again_when_its_entity_restarts()
    {
        var first = Entity("e2");
        first.Tell(Run("1.0", "abc"));
        ExpectMsg<SliceAccepted>(Bounded);
        ExpectMsg<SliceDone>(Bounded);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Bounded);

        var again = Entity("e2");
        again.Tell(Run("1.0", "abc"));

        // Recovery answers the recorded submitter, then the new request is answered: both from the journal.
        Assert.Equal(new byte[] { 0, 3 }, ExpectMsg<SliceDone>(Bounded).Hosts);
        Assert.Equal(new byte[] { 0, 3 }, ExpectMsg<SliceDone>(Bounded).Hosts);
        Assert.Equal(1, _computed);
    }

    [Fact]
    public void An_assigned_slice_runs_again_from_its_record_when_its_entity_restarts_before_it_finished()
    {
        var gate = new ManualResetEventSlim(false);
        var workers = Sys.ActorOf(SliceWorkers.Props(1, Member, w =>
        {
            gate.Wait(Bounded);
            return Compute(w);
        }));
        var first = Sys.ActorOf(SliceEntity.Props("e3", Member, workers));
        first.Tell(Run("1.0", "abc"));
        ExpectMsg<SliceAccepted>(Bounded);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Bounded);
        gate.Set();

        // Nobody asks again: the record alone restarts the slice (as remembered entities do on another member).
        Sys.ActorOf(SliceEntity.Props("e3", Member, Workers()));
        Assert.Equal(new byte[] { 0, 3 }, ExpectMsg<SliceDone>(Bounded).Hosts);
    }

    [Theory]
    [InlineData("2.0", "abc", "member akka.tcp://hotplug@10.0.0.1:4053 runs model version 1.0, the submitter 2.0")]
    [InlineData("1.0", "def", "member akka.tcp://hotplug@10.0.0.1:4053 runs hotplug configuration abc, the submitter def")]
    public void RunSlice_is_refused_naming_both_versions_when_the_submitter_differs(string model, string fingerprint, string reason)
    {
        Entity("e4").Tell(Run(model, fingerprint));
        Assert.StartsWith(reason, ExpectMsg<SliceRefused>(Bounded).Reason, StringComparison.Ordinal);
        Assert.Equal(0, _computed);
    }

    private IActorRef Entity(string id) => Sys.ActorOf(SliceEntity.Props(id, Member, Workers()));

    private IActorRef Workers() => Sys.ActorOf(SliceWorkers.Props(1, Member, Compute));

    private byte[] Compute(SliceWork work)
    {
        Interlocked.Increment(ref _computed);
        return [(byte)work.Slice.From, (byte)work.Slice.To];
    }

    private RunSlice Run(string model, string fingerprint) => new("job", 0, Slice, [1], model, fingerprint, TestActor);
}
