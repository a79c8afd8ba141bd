namespace HotplugCluster.Simulation.Locks;

/// <summary>Who holds a lock: the operation's id and name, for reports.</summary>
/// <remarks>A value, kept in the lock book's list: a fleet host takes three locks per offline write.</remarks>
public readonly record struct LockHolding(LockName Lock, string OpId);
