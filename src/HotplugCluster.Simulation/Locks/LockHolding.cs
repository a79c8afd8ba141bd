namespace HotplugCluster.Simulation.Locks;

/// <summary>Who holds a lock: the operation's id and name, for reports.</summary>
public sealed record LockHolding(LockName Lock, string OpId);
