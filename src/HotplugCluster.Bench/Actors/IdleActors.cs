using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>Spawning many minimal actors, and what each costs in memory once created and idle.</summary>
public static class IdleActors
{
    /// <summary>Creates <paramref name="count"/> idle actors on a fresh deterministic system and runs their constructors; returns the system.</summary>
    public static ActorSystem Spawn(int count)
    {
        var system = ActorSystem.Create("idle");
        var props = Props.Create<IdleActor>();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(props);
        }

        system.RunUntilQuiescent();
        return system;
    }

    /// <summary>Baseline of <see cref="Spawn"/>: allocating <paramref name="count"/> plain objects in a list.</summary>
    public static List<object> SpawnBaseline(int count)
    {
        var objects = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            objects.Add(new object());
        }

        return objects;
    }

    /// <summary>Heap bytes per idle actor after spawning <paramref name="count"/>, from the GC's own accounting (full collections before and after).</summary>
    public static double MeasureBytesPerActor(int count)
    {
        using var empty = ActorSystem.Create("baseline");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var system = Spawn(count);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(system);
        return (after - before) / (double)count;
    }
}
