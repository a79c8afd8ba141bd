namespace HotplugCluster.Simulation.Journal;

/// <summary>A run as <c>hotplug journal list</c> shows it.</summary>
public sealed record RunSummary(RunStarted Started, RunFinished? Finished, long Events);
