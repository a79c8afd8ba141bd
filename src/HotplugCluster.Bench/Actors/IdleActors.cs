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

    /// <summary>Creates <paramref name="parents"/> parents on a fresh deterministic system, each with its share of <paramref name="count"/>
    /// idle children, and runs every constructor; returns the system.</summary>
    public static ActorSystem Spawn(int count, int parents)
    {
        var system = ActorSystem.Create("idle");
        var props = Props.Create<IdleParent>();
        for (var p = 0; p < parents; p++)
        {
            system.ActorOf(props).Tell((count / parents) + (p < count % parents ? 1 : 0), null);
        }

        system.RunUntilQuiescent();
        return system;
    }

    /// <summary>Baseline of <see cref="Spawn(int)"/>: allocating <paramref name="count"/> plain objects in a list.</summary>
    public static List<object> SpawnBaseline(int count)
    {
        var objects = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            objects.Add(new object());
        }

        return objects;
    }
}
