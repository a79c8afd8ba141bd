using HotplugCluster.Actors;
using HotplugCluster.Persistence.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// Runs a scenario on a simulated host in its own deterministic actor system, with every owner persisting into
/// <paramref name="Journal"/> under the run's id (or transient when null). Recording and <c>replay --verify</c> both
/// execute through here, so a verified run is re-executed exactly as it was recorded.
/// </summary>
/// <param name="RunId">The run id: persistence ids are <c>RunId/host-0/owner</c>, every event is tagged <c>run:RunId</c>.</param>
/// <param name="Scenario">The scenario to run.</param>
/// <param name="Settings">The actor system settings (seed, strategy or a replay strategy); the trace is always recorded.</param>
/// <param name="Journal">Where events go; null journals nothing.</param>
/// <param name="OnPersisted">Called with persistence id and sequence number once each event is stored (after the journal write).</param>
/// <param name="Drive">Drives the booted host instead of the scenario's operations (<c>hotplug exec</c> serves it to a real client); null runs the scenario.</param>
public sealed record RunExecution(string RunId, Scenario Scenario, ActorSystemSettings Settings, IJournalStore? Journal, Action<string, long>? OnPersisted = null,
    Action<SimulatedHost, ActorSystem>? Drive = null)
{
    /// <summary>The host's name in every run.</summary>
    public const string HostName = "host-0";

    /// <summary>Runs the scenario to its end.</summary>
    public RunOutcome Execute()
    {
        using var system = ActorSystem.Create("run", Settings with { RecordTrace = true });
        var persistence = Journal is null
            ? PersistenceExtension.StartTransient(system)
            : PersistenceExtension.Start(system, Journal, RunJournal.Codecs(), Journal, new PersistenceOptions(Tagger: (_, _) => [RunJournal.Tag(RunId)]));
        try
        {
            using var host = SimulatedHost.Boot(Scenario.Host, new SimulatedHostOptions
            {
                System = system,
                Name = HostName,
                StreamPrefix = $"{RunId}/{HostName}",
                Persistence = persistence,
                OnPersisted = OnPersisted,
            });
            var result = Run(host, system);
            if (host.JournalFailure is JournalException lost)
            {
                throw new JournalException(lost.Message, lost);
            }

            return new RunOutcome(result, host.EventLog.Entries.Count, system.StepCount, system.Trace!.ToBytes(), [.. host.Problems]);
        }
        catch (HostStuckException stuck) when (stuck.InnerException is JournalException failure)
        {
            // The run cannot go on without its journal: the journal's failure is the news, not the wait it caused.
            throw new JournalException(failure.Message, failure);
        }
    }

    private ScenarioResult Run(SimulatedHost host, ActorSystem system)
    {
        ScenarioResult result;
        if (Drive is not null || Scenario.Writes is not null)
        {
            var before = NodeMeminfo.Read(host);
            if (Drive is not null)
            {
                Drive(host, system);
            }
            else
            {
                RecordedWrites.Replay(Scenario.Writes!, host, system);
            }

            result = new ScenarioResult(Scenario, [], before, NodeMeminfo.Read(host));
        }
        else
        {
            result = ScenarioRunner.Run(Scenario, host);
        }

        system.RunUntilQuiescent();
        return result;
    }
}
