using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Simulation.Journal;

/// <summary>What a run did: the scenario's report, how many events and scheduler steps, the recorded choices, and problems the host reported.</summary>
public sealed record RunOutcome(ScenarioResult Result, long Events, long Steps, byte[] Trace, IReadOnlyList<string> Problems);
