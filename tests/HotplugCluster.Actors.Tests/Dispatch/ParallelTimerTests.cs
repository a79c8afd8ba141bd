using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class ParallelTimerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Parallel_timers_and_ask_timeouts_follow_the_settings_TimeProvider()
    {
        var time = new ManualTimeProvider();
        using var system = ActorSystem.Create("timed", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel, TimeProvider = time });
        var silent = system.ActorOf(Props.Create<TestActors.Counter>());
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = system.ActorOf(Props.Create(() => new Completer(received)));

        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(5), sink, "due", null);
        var ask = silent.Ask<int>("inc", TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask.WaitAsync(Bound));
        Assert.False(received.Task.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("due", await received.Task.WaitAsync(Bound));
        Assert.Equal(TimeSpan.FromMinutes(5), system.Scheduler.Now);
    }

    private sealed class Completer(TaskCompletionSource<object> received) : UntypedActor
    {
        protected override void OnReceive(object message) => received.TrySetResult(message);
    }
}
