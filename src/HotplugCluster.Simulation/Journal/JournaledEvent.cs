using HotplugCluster.Persistence.Journal;

namespace HotplugCluster.Simulation.Journal;

/// <summary>One event of a run, in journal order: its position in the run (from 1), where it is stored, and the decoded event.</summary>
public sealed record JournaledEvent(long Index, long Ordering, PersistentRepr Repr, object Event);
