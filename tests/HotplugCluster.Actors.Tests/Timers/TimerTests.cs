using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests.Timers;

public sealed class TimerTests : ActorTestKit
{
    [Fact]
    public void StartSingleTimer_fires_once_when_virtual_time_reaches_the_delay()
    {
        var actor = ActorOf(Props.Create(() => new Ticker(TestActor.Ref)));
        actor.Tell(new Start("once", TimeSpan.FromSeconds(5), Periodic: false), null);
        Sys.AdvanceTime(TimeSpan.FromSeconds(4));
        TestActor.ExpectNoMsg(TimeSpan.Zero);

        Sys.AdvanceTime(TimeSpan.FromSeconds(1));
        Assert.Equal("once", ExpectMsg<string>(TimeSpan.Zero));
        TestActor.ExpectNoMsg(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void StartPeriodicTimer_fires_every_interval_until_cancelled()
    {
        var actor = ActorOf(Props.Create(() => new Ticker(TestActor.Ref)));
        actor.Tell(new Start("tick", TimeSpan.FromSeconds(1), Periodic: true), null);

        TestActor.Within(TimeSpan.FromSeconds(3), () =>
        {
            ExpectMsg<string>();
            ExpectMsg<string>();
            ExpectMsg<string>();
        });
        Assert.Equal(TimeSpan.FromSeconds(3), Sys.Scheduler.Now);

        actor.Tell("cancel", null);
        TestActor.ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Restarting_a_timer_key_drops_the_earlier_message_even_if_already_queued()
    {
        var actor = ActorOf(Props.Create(() => new Ticker(TestActor.Ref)));
        actor.Tell(new Start("old", TimeSpan.Zero, Periodic: false), null);
        actor.Tell(new Start("new", TimeSpan.FromSeconds(1), Periodic: false), null);

        Assert.Equal("new", ExpectMsg<string>());
        TestActor.ExpectNoMsg();
    }

    [Fact]
    public void Clock_jumps_to_the_next_timer_when_nothing_is_enabled()
    {
        var actor = ActorOf(Props.Create(() => new Ticker(TestActor.Ref)));
        actor.Tell(new Start("late", TimeSpan.FromHours(2), Periodic: false), null);

        Sys.RunSteps(100);

        Assert.Equal(TimeSpan.FromHours(2), Sys.Scheduler.Now);
        Assert.Equal("late", ExpectMsg<string>(TimeSpan.Zero));
    }

    [Fact]
    public void Scheduler_ScheduleTellOnce_delivers_in_virtual_time()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(250), TestActor.Ref, "scheduled", null);

        TestActor.Within(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250), () => ExpectMsg<string>());
    }

    [Fact]
    public void Timer_message_that_was_stashed_is_delivered_on_unstash()
    {
        var actor = ActorOf(Props.Create(() => new StashingTicker(TestActor.Ref)));
        Sys.AdvanceTime(TimeSpan.FromSeconds(2));
        TestActor.ExpectNoMsg(TimeSpan.Zero);

        actor.Tell("open", null);

        Assert.Equal("tick", ExpectMsg<string>());
    }

    private sealed record Start(string Message, TimeSpan Delay, bool Periodic);

    private sealed class StashingTicker : ReceiveActor
    {
        public StashingTicker(IActorRef monitor)
        {
            Timers.StartSingleTimer("key", "tick", TimeSpan.FromSeconds(1));
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s => monitor.Tell(s, Self)));
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        }
    }

    private sealed class Ticker : ReceiveActor
    {
        public Ticker(IActorRef monitor)
        {
            Receive<Start>(s =>
            {
                if (s.Periodic)
                {
                    Timers.StartPeriodicTimer("key", s.Message, s.Delay);
                }
                else
                {
                    Timers.StartSingleTimer("key", s.Message, s.Delay);
                }
            });
            Receive<string>(s => s == "cancel", _ => Timers.Cancel("key"));
            Receive<string>(s => monitor.Tell(s, Self));
        }
    }
}
