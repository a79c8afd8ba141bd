namespace HotplugCluster.Simulation.Journal;

/// <summary>The last event of a run's metadata stream.</summary>
/// <param name="Events">Kernel events journaled by the run.</param>
/// <param name="Steps">Scheduling steps the dispatcher took.</param>
/// <param name="Outcome">A one-line summary (e.g. <c>ok</c>, or the first failed operation).</param>
public sealed record RunFinished(long Events, long Steps, string Outcome);
