using HotplugCluster.TestKit;
using Xunit;
using Xunit.Sdk;

namespace HotplugCluster.Actors.Tests.TestKit;

public sealed class TestProbeTests : ActorTestKit
{
    [Fact]
    public void ExpectMsg_waits_in_virtual_time_and_stops_the_clock_at_arrival()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor.Ref, "late", null);

        Assert.Equal("late", ExpectMsg<string>(TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(2), Sys.Scheduler.Now);
    }

    [Fact]
    public void ExpectMsg_fails_after_its_timeout_when_no_message_can_come()
    {
        var e = Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromSeconds(3)));

        Assert.Contains("timeout", e.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(3), Sys.Scheduler.Now);
    }

    [Fact]
    public void ExpectMsg_fails_when_the_message_has_another_type()
    {
        TestActor.Ref.Tell(42, null);

        Assert.Throws<XunitException>(() => ExpectMsg<string>());
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives_within_the_duration()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(500), TestActor.Ref, "surprise", null);

        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void FishForMessage_discards_messages_until_one_matches()
    {
        for (var i = 0; i < 5; i++)
        {
            TestActor.Ref.Tell(i, null);
        }

        Assert.Equal(3, FishForMessage<int>(i => i == 3));
        Assert.Equal(4, ExpectMsg<int>());
    }

    [Fact]
    public void Within_fails_when_the_block_takes_longer_than_allowed()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), TestActor.Ref, "slow", null);

        Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(1), () => ExpectMsg<string>()));
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        var probe = CreateTestProbe();
        probe.Send(echo, "ping");
        Assert.Equal("ping", probe.ExpectMsg<string>());

        probe.Reply("pong");

        Assert.Equal("pong", probe.ExpectMsg<string>());
    }

    [Fact]
    public void RandomizedTest_names_the_failing_seed()
    {
        var e = Assert.Throws<XunitException>(() => RandomizedTest.ForSeeds(10, firstSeed: 100, seed => Assert.NotEqual(107, seed)));

        Assert.StartsWith("randomized test failed with seed 107", e.Message, StringComparison.Ordinal);
    }
}
