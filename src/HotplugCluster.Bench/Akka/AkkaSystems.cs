using Akka.Actor;
using Akka.Configuration;

namespace HotplugCluster.Bench.Akka;

/// <summary>Akka.NET actor systems for the benchmarks: the default dispatcher at throughput 100 and no logging, so a run prints only its figures.</summary>
internal static class AkkaSystems
{
    private const string Quiet = """
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          suppress-json-serializer-warning = on
          actor.default-dispatcher.throughput = 100
        }
        """;

    /// <summary>A quiet system; <paramref name="settings"/> (a persistence plugin) go on top.</summary>
    public static ActorSystem Create(string name, Config? settings = null) =>
        ActorSystem.Create(name, (settings ?? Config.Empty).WithFallback(ConfigurationFactory.ParseString(Quiet)));

    /// <summary>Terminates <paramref name="system"/> and waits up to 10 s for it, as our systems' Dispose does.</summary>
    public static void Shutdown(ActorSystem system) => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
