namespace HotplugCluster.Simulation.Journal;

/// <summary>The first event of a run's metadata stream: everything needed to re-execute it.</summary>
/// <param name="RunId">The run's id, e.g. <c>quickstart-3</c>.</param>
/// <param name="Command">What recorded it: <c>run</c>, <c>stress</c>, <c>fleet</c>.</param>
/// <param name="Source">The scenario file as given on the command line.</param>
/// <param name="Config">The resolved configuration of the run, as HOCON (the scenario with its host and overrides).</param>
/// <param name="Seed">The scheduler's seed.</param>
/// <param name="Strategy">The scheduling strategy (<c>fifo</c>, <c>random</c>, <c>pct</c>).</param>
/// <param name="ModelVersion">The simulator build that wrote the run (events are re-checked against it by <c>replay --verify</c>).</param>
/// <param name="StartedUtc">Wall-clock start, for people only (ISO 8601); never read by the simulation.</param>
public sealed record RunStarted(string RunId, string Command, string Source, string Config, long Seed, string Strategy, string ModelVersion, string StartedUtc);
