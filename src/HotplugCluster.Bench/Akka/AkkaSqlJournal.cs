using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using HotplugCluster.Bench.Journal;

namespace HotplugCluster.Bench.Akka;

/// <summary>
/// Akka.Persistence.Sql on one database: persistent actors each writing their events one after another (the journal batches
/// across actors), then fresh actors of the same ids recovering them in a new actor system, as a restart would.
/// </summary>
public sealed class AkkaSqlJournal(string connectionString, string providerName)
{
    /// <summary>SQLite through Microsoft.Data.Sqlite in <paramref name="file"/>, created here in WAL mode.</summary>
    public static AkkaSqlJournal Sqlite(string file)
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        return new AkkaSqlJournal($"Data Source={file}", "SQLite.MS");
    }

    /// <summary>PostgreSQL through Npgsql, on the server of <paramref name="connectionString"/>.</summary>
    public static AkkaSqlJournal Postgres(string connectionString) => new(connectionString, "PostgreSQL.15");

    /// <summary>Events per second of <paramref name="actors"/> actors writing <paramref name="events"/> events each under ids starting with <paramref name="prefix"/>.</summary>
    public double Write(string prefix, int actors, int events) => Timed(WriteAll, prefix, actors, events);

    /// <summary>Events per second of recovering what <see cref="Write"/> stored under <paramref name="prefix"/>, every event checked.</summary>
    public double Recover(string prefix, int actors, int events) => Timed(RecoverAll, prefix, actors, events);

    /// <summary>Runs <paramref name="step"/> in a fresh actor system after one actor's warm-up (the plugin connects and creates
    /// its tables on first use), and returns its events per second.</summary>
    private double Timed(Action<ActorSystem, string, int, int> step, string prefix, int actors, int events)
    {
        var system = Start();
        try
        {
            step(system, $"{prefix}warmup-", 1, 1);
            var watch = Stopwatch.StartNew();
            step(system, prefix, actors, events);
            return (long)actors * events / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            AkkaSystems.Shutdown(system);
        }
    }

    private ActorSystem Start() => AkkaSystems.Create("journal", ConfigurationFactory.ParseString($$"""
        akka.persistence.journal {
          plugin = "akka.persistence.journal.sql"
          sql {
            connection-string = "{{connectionString.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
            provider-name = "{{providerName}}"
            auto-initialize = on
          }
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration));

    private static void WriteAll(ActorSystem system, string prefix, int actors, int events)
    {
        using var done = new Countdown(actors);
        var refs = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new AkkaWritingActor($"{prefix}{i}", events, done))))
            .ToList();
        foreach (var actor in refs)
        {
            actor.Tell("write", ActorRefs.NoSender);
        }

        done.Wait();
    }

    private static void RecoverAll(ActorSystem system, string prefix, int actors, int events)
    {
        var tally = new RecoveryTally();
        using var done = new Countdown(actors);
        for (var i = 0; i < actors; i++)
        {
            system.ActorOf(Props.Create(() => new AkkaRecoveringActor($"{prefix}{i}", tally, done)));
        }

        done.Wait();
        var expected = (long)actors * events;
        if (tally.Events != expected || tally.Pages != expected * JournalWorkload.SamplePages)
        {
            throw new InvalidOperationException($"Akka.Persistence.Sql recovered {tally.Events} events, expected {expected}");
        }
    }
}
