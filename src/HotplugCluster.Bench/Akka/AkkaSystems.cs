using Akka.Actor;
using Akka.Configuration;

namespace HotplugCluster.Bench.Akka;

/// <summary>Akka.NET actor systems for the benchmarks: the default dispatcher at throughput 100 and no logging, so a run prints only its figures.</summary>
internal static class AkkaSystems
{
    /// <summary>
    /// How long a system may take to terminate. Terminate's task completes when the coordinated shutdown's last phase does,
    /// and that phase gives up after its timeout (10 s by default) while the actors may still be stopping: 1M idle actors take
    /// 10-22 s to stop on this machine (2026-12-07), so with the default the next spawn figure ran beside a dying system, on
    /// its CPU, and the heap shrank under its measurement (ours read -330 to 136 B per idle actor, a median of 34.5). The
    /// phase's timeout is this too, so that the task completes only once the actors are gone.
    /// </summary>
    public static readonly TimeSpan TerminateLimit = TimeSpan.FromSeconds(300);

    private static readonly string Quiet = $$"""
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          suppress-json-serializer-warning = on
          actor.default-dispatcher.throughput = 100
          coordinated-shutdown.phases.actor-system-terminate.timeout = {{TerminateLimit.TotalSeconds}}s
        }
        """;

    /// <summary>A quiet system; <paramref name="settings"/> (a persistence plugin) go on top.</summary>
    public static ActorSystem Create(string name, Config? settings = null) =>
        ActorSystem.Create(name, (settings ?? Config.Empty).WithFallback(ConfigurationFactory.ParseString(Quiet)));

    /// <summary>
    /// Terminates <paramref name="system"/> and waits until its actors have stopped, so that no later figure runs beside it;
    /// a system still stopping after <see cref="TerminateLimit"/> fails the benchmark rather than skew its next figure.
    /// </summary>
    public static void Shutdown(ActorSystem system)
    {
        if (!system.Terminate().Wait(TerminateLimit))
        {
            throw new TimeoutException($"Akka.NET system '{system.Name}' did not terminate within {TerminateLimit.TotalSeconds:F0} s");
        }
    }
}
