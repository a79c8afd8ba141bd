using Akka.Actor;

namespace HotplugCluster.Bench.Akka;

/// <summary>Spawning many idle Akka.NET actors under a number of parents, as <see cref="Actors.IdleActors.Spawn(int, int)"/> does on ours.</summary>
public static class AkkaIdleActors
{
    /// <summary>
    /// Creates <paramref name="parents"/> parents on a fresh system, each with its share of <paramref name="count"/> children,
    /// and returns once every child has started; the caller terminates the system with <see cref="Shutdown"/>.
    /// </summary>
    public static ActorSystem Spawn(int count, int parents)
    {
        var system = AkkaSystems.Create("idle");
        using var started = new Countdown(count);
        for (var p = 0; p < parents; p++)
        {
            var share = (count / parents) + (p < count % parents ? 1 : 0);
            system.ActorOf(Props.Create(() => new AkkaIdleParent(started))).Tell(share, ActorRefs.NoSender);
        }

        started.Wait();
        return system;
    }

    /// <summary>Terminates <paramref name="system"/> and returns once its actors have stopped (at most <see cref="TerminateLimit"/>).</summary>
    public static void Shutdown(ActorSystem system) => AkkaSystems.Shutdown(system);

    /// <summary>How long <see cref="Shutdown"/> waits for a system's actors to stop before it fails.</summary>
    public static TimeSpan TerminateLimit => AkkaSystems.TerminateLimit;
}
