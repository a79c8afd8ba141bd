using HotplugCluster.Actors;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Simulation.Actors;
using HotplugCluster.Simulation.Hosts;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>Tests that measure the heap run alone (no other test allocates meanwhile).</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>What a host's actors cost in memory (a fleet will have tens of millions of block actors).</summary>
[Collection(nameof(MeasuredAlone))]
public sealed class ActorSizeTests
{
    [Fact]
    public void A_block_actor_costs_a_few_hundred_bytes()
    {
        // Loose bound; the measured figure is in docs/simulation.md. A block actor holds its index and the host context.
        const int count = 20_000;
        using var system = ActorSystem.Create("measure");
        var context = new HostContext("host-0", new HostState(Config(MiB(256)).Resolve().GetOrThrow()));
        var refs = new IActorRef[count];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var props = Props.Create(() => new BlockActor(context));
        for (var i = 0; i < count; i++)
        {
            refs[i] = system.ActorOf(props, $"memory{i}");
        }

        system.RunUntilQuiescent();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perActor = (after - before - (count * 8)) / count;
        GC.KeepAlive(refs);
        Assert.InRange(perActor, 1, 512);
    }
}
