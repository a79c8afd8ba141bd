using HotplugCluster.Actors.Messages;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class AskTests : ActorTestKit
{
    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());

        var reply = echo.Ask<string>("hello");
        Sys.RunUntil(reply);

        Assert.True(reply.IsCompletedSuccessfully);
        Assert.Equal("hello", await reply);
    }

    [Fact]
    public void Ask_fails_with_AskTimeoutException_after_the_timeout_in_virtual_time()
    {
        var silent = ActorOf(Props.Create<TestActors.Counter>());

        var reply = silent.Ask<int>("inc", TimeSpan.FromSeconds(30));
        Sys.RunUntil(reply, TimeSpan.FromMinutes(1));

        Assert.IsType<AskTimeoutException>(reply.Exception!.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(30), Sys.Scheduler.Now);
    }

    [Fact]
    public void Ask_of_a_stopped_actor_fails_at_once_and_leaves_a_dead_letter()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        Sys.Stop(echo);
        RunUntilQuiescent();

        var reply = echo.Ask<string>("anyone?");

        Assert.True(reply.IsFaulted);
        Assert.IsType<AskTimeoutException>(reply.Exception!.InnerException);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Ask_fails_with_the_cause_of_a_Status_Failure_reply()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());

        var reply = echo.Ask<string>(new Status.Failure(new InvalidOperationException("no")));
        Sys.RunUntil(reply);

        Assert.IsType<InvalidOperationException>(reply.Exception!.InnerException);
    }

    [Fact]
    public void PipeTo_brings_an_Ask_result_back_into_an_actor()
    {
        var echo = ActorOf(Props.Create<TestActors.Echo>());
        var asker = ActorOf(Props.Create(() => new Asker(echo, TestActor.Ref)));

        asker.Tell("go", null);

        Assert.Equal("answer", ExpectMsg<string>());
    }

    [Fact]
    public void RunUntil_throws_TimeoutException_instead_of_hanging_when_the_task_cannot_complete()
    {
        var never = new TaskCompletionSource().Task;

        Assert.Throws<TimeoutException>(() => Sys.RunUntil(never, TimeSpan.FromSeconds(1)));
    }

    private sealed class Asker(IActorRef target, IActorRef monitor) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "go")
            {
                target.Ask<string>("answer").PipeTo(Self);
            }
            else
            {
                monitor.Tell(message, Self);
            }
        }
    }
}
