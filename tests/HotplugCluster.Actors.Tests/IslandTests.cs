using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Tests.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class IslandTests
{
    [Fact]
    public void Fleet_of_islands_gives_the_same_histories_on_one_thread_or_many()
    {
        var sequential = RunFleet(maxDegreeOfParallelism: 1);
        var parallel = RunFleet(maxDegreeOfParallelism: 4);

        Assert.Equal(sequential.Count, parallel.Count);
        for (var i = 0; i < sequential.Count; i++)
        {
            Assert.True(sequential[i].SequenceEqual(parallel[i]), $"island {i} differs");
        }
    }

    [Fact]
    public void Island_has_its_own_virtual_clock()
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var a = system.CreateIsland("a");
        var b = system.CreateIsland("b");

        a.AdvanceTime(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(1), a.Now);
        Assert.Equal(TimeSpan.Zero, b.Now);
    }

    [Fact]
    public void Island_actor_replies_to_an_outside_Ask_when_the_island_runs()
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var island = system.CreateIsland("host-1");
        var echo = island.ActorOf(Props.Create<TestActors.Echo>(), "echo");

        var reply = echo.Ask<string>("ping");
        island.RunUntilQuiescent();

        Assert.Equal("/user/host-1/echo", echo.Path.ToString());
        Assert.True(reply.IsCompletedSuccessfully);
    }

    [Fact]
    public void Terminate_stops_an_islands_actors_on_the_calling_thread_once()
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var stopped = new List<string>();
        var (island, _) = TwoIslandsNotingStops(system, stopped);

        island.Terminate();
        Assert.Equal(["a"], stopped);
        island.Terminate();
        Assert.Equal(["a"], stopped);

        // The system's own termination stops the rest and leaves the terminated island alone.
        system.Terminate();
        Assert.Equal(["a", "b"], stopped);
    }

    [Fact]
    public async Task Discard_drops_an_island_without_stopping_its_actors_and_the_system_still_terminates()
    {
        var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var stopped = new List<string>();
        var (island, _) = TwoIslandsNotingStops(system, stopped);

        island.Discard();
        island.Discard();
        Assert.Empty(stopped);

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["b"], stopped);
    }

    [Fact]
    public void A_discarded_island_leaves_nothing_reachable_from_the_thread_that_drove_it()
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var actor = RunAndDiscard(system);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The driving thread's last envelope (message and sender) was the only way left to the island's actors.
        Assert.False(actor.IsAlive);
    }

    // The island's last delivery is to the sink, from echo: the thread's last envelope names echo as its sender.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RunAndDiscard(ActorSystem system)
    {
        var island = system.CreateIsland("host-0");
        var made = new List<ActorBase>();
        var echo = island.ActorOf(Props.Create(() =>
        {
            var a = new TestActors.Echo();
            made.Add(a);
            return a;
        }), "echo");
        var sink = island.ActorOf(Props.Create<Sink>(), "sink");
        sink.Tell(new object(), echo);
        island.RunUntilQuiescent();
        island.Discard();
        return new WeakReference(made.Single());
    }

    /// <summary>Islands host-1 and host-2, each with one actor (a, b) that notes its PostStop in <paramref name="stopped"/>.</summary>
    private static (Island First, Island Second) TwoIslandsNotingStops(ActorSystem system, List<string> stopped)
    {
        var first = system.CreateIsland("host-1");
        var second = system.CreateIsland("host-2");
        first.ActorOf(Props.Create(() => new StopNoter(stopped, "a")), "a");
        second.ActorOf(Props.Create(() => new StopNoter(stopped, "b")), "b");
        first.RunUntilQuiescent();
        second.RunUntilQuiescent();
        return (first, second);
    }

    private sealed class StopNoter(List<string> stopped, string name) : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);

        protected override void PostStop() => stopped.Add(name);
    }

    [Fact]
    public void CreateIsland_throws_on_a_deterministic_system()
    {
        using var system = ActorSystem.Create("det");

        Assert.Throws<InvalidOperationException>(() => system.CreateIsland("x"));
    }

    private static List<byte[]> RunFleet(int maxDegreeOfParallelism)
    {
        using var system = ActorSystem.Create("fleet", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var islands = Enumerable.Range(0, 16)
            .Select(i => system.CreateIsland("host-" + i, new IslandSettings { Seed = i, Strategy = SchedulingStrategyKind.Random }))
            .ToArray();
        var results = new byte[islands.Length][];
        Island.RunInParallel(islands, island =>
        {
            var index = Array.IndexOf(islands, island);
            results[index] = new RandomProgram(index).RunOn(island);
        }, maxDegreeOfParallelism);
        return [.. results];
    }

    private sealed class Sink : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }
}
