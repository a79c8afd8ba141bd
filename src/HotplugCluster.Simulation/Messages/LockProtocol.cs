using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Messages;

/// <summary>An operation asks for <see cref="Name"/>; the owner grants it at once or queues the request (FIFO).</summary>
internal sealed record AcquireLock(LockName Name, string OpId);

/// <summary>The lock is now held by the asking operation.</summary>
internal sealed record LockGranted(LockName Name);

/// <summary>
/// The operation that holds <see cref="Name"/> drops it; the first waiter gets it. <see cref="Dropped"/>: a fast-path lock's
/// holder took itself out of the lock book already (<see cref="Locks.FastPathLocks"/>), so the owner only wakes
/// the first waiter; false there means the operation did not hold the lock (an unpaired unlock, which the owner reports).
/// </summary>
internal sealed record ReleaseLock(LockName Name, string OpId, bool Dropped = false);

/// <summary>The release happened.</summary>
internal sealed record LockReleased(LockName Name);

/// <summary>The request was refused: a release of a lock the operation does not hold, or a lock of a device that does not exist.</summary>
internal sealed record LockRefused(LockName Name, string Reason);

/// <summary>A stopping device actor hands its busy lock to its parent, which serves it until the device's next actor takes it.</summary>
internal sealed record AdoptLock(LockQueue Queue);
