using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Tests.Schedules;

/// <summary>The schedule range protocol on one actor system with the in-memory journal: a range entity answers its lowest violation, skips what a known violation makes moot, and bounds travel between members.</summary>
public sealed class ScheduleRangeTests() : TestKit(TestMembers.InMemory)
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);
    private static readonly MemberIdentity Member = new("1.0", "abc", "akka.tcp://hotplug@10.0.0.1:4053");
    private readonly ScheduleBounds _bounds = new();
    private readonly ConcurrentQueue<(string Job, int Schedule)> _found = new();

    [Fact]
    public void A_range_answers_the_lowest_violation_a_single_process_finds_and_publishes_it()
    {
        var (root, job) = StressScenarios.Job(StressScenarios.Rollback, StressScenarios.RollbackBug);
        Assert.Equal(30, StressScenarios.FirstViolation(root, job, 40));

        Entity("r1", root).Tell(Run(job, new FleetSlice(0, 27, 36)));
        ExpectMsg<SliceAccepted>(Bounded);
        Assert.Equal(new RangeOutcome(30, 31), RangeOutcome.Decode(ExpectMsg<SliceDone>(Bounded).Hosts));
        Assert.Equal([("job", 30)], _found);
        Assert.Equal(30, _bounds.Of("job"));
    }

    [Fact]
    public void A_range_above_a_known_violation_stops_before_its_first_schedule()
    {
        var (root, job) = StressScenarios.Job(StressScenarios.Rollback, StressScenarios.RollbackBug);
        _bounds.Lower("job", 30);
        Entity("r2", root).Tell(Run(job, new FleetSlice(0, 33, 40)));
        ExpectMsg<SliceAccepted>(Bounded);
        Assert.Equal(new RangeOutcome(null, 33), RangeOutcome.Decode(ExpectMsg<SliceDone>(Bounded).Hosts));
        Assert.Empty(_found);
    }

    [Fact]
    public void A_clean_range_runs_to_its_end()
    {
        var (root, job) = StressScenarios.Job(StressScenarios.Cycles);
        Entity("r3", root).Tell(Run(job, new FleetSlice(0, 0, 6)));
        ExpectMsg<SliceAccepted>(Bounded);
        Assert.Equal(new RangeOutcome(null, 6), RangeOutcome.Decode(ExpectMsg<SliceDone>(Bounded).Hosts));
    }

    [Fact]
    public void A_bound_told_by_another_member_lowers_this_members_bound_and_never_raises_it()
    {
        var relay = Sys.ActorOf(ScheduleBoundRelay.Props(_bounds));
        relay.Tell(new ScheduleBound("job", 12));
        relay.Tell(new ScheduleBound("job", 40));
        relay.Tell(new ScheduleBound("other", 7));
        AwaitAssert(() => Assert.Equal(7, _bounds.Of("other")), Bounded);
        Assert.Equal(12, _bounds.Of("job"));
    }

    private IActorRef Entity(string id, Config root)
    {
        var compute = new ScheduleRangeCompute(root, _bounds, (job, schedule) => _found.Enqueue((job, schedule)));
        return Sys.ActorOf(SliceEntity.Props(id, Member, Sys.ActorOf(SliceWorkers.Props(1, Member, compute.Run))));
    }

    private RunSlice Run(StressJob job, FleetSlice range) => new("job", 0, range, SlicePayload.EncodeJob(job.ToText()), "1.0", "abc", TestActor);
}
