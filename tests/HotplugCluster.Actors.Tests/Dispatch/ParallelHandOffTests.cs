using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

/// <summary>Tests that count the process's thread-pool work items, so no other test runs meanwhile.</summary>
[CollectionDefinition(nameof(PoolCountedAlone), DisableParallelization = true)]
public sealed class PoolCountedAlone;

/// <summary>The parallel dispatcher's hand-off: an actor scheduled by the running one, which has nothing left queued, runs next on that thread.</summary>
[Collection(nameof(PoolCountedAlone))]
public sealed class ParallelHandOffTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Replies_run_without_a_pool_work_item_each_when_the_sender_has_nothing_left_queued()
    {
        // 80 hand-offs in a row, within the default throughput of 100 (past it the pair goes back to the pool's queue in turn).
        const int rounds = 40;
        using var system = ActorSystem.Create("handoff", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var done = new ManualResetEventSlim();
        var echo = system.ActorOf(Props.Create<TestActors.Echo>());
        var pinger = system.ActorOf(Props.Create(() => new Pinger(echo, rounds, done)));
        Assert.Equal("started", await echo.Ask<string>("started", Bound).WaitAsync(Bound));
        var before = ThreadPool.CompletedWorkItemCount;

        pinger.Tell("go", null);

        Assert.True(done.Wait(Bound));
        // Queued instead, each of the 80 messages' receivers would be one work item of the pool.
        Assert.InRange(ThreadPool.CompletedWorkItemCount - before, 0, rounds / 2);
    }

    private sealed class Pinger(IActorRef echo, int rounds, ManualResetEventSlim done) : UntypedActor
    {
        private int _left = rounds;

        protected override void OnReceive(object message)
        {
            if (_left-- == 0)
            {
                done.Set();
                return;
            }

            echo.Tell("ball", Self);
        }
    }
}
