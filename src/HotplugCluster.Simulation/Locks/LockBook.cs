namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// The host's view of who holds which lock, written only by the lock owners when they grant and release, read
/// by the step owners' lock check and by stuck reports. Holdings are kept in grant order (a handful at a time).
/// </summary>
public sealed class LockBook
{
    private readonly List<LockHolding> _held = [];

    // Fast-path locks only (FastPathLocks, the fleet protocol): requests sent to a lock's owner and not yet answered, per lock. While
    // one is out the lock is contended, as a mutex whose waiters flag is set: nobody takes it past the queue, and its
    // holder's unlock goes to the owner, who wakes the first waiter. A handful at most, and none on an uncontended host.
    private List<(LockName Name, int Count)>? _requested;

    /// <summary>Every held lock, in grant order.</summary>
    public IReadOnlyList<LockHolding> Held => _held;

    /// <summary>Whether <paramref name="opId"/> holds some instance of <paramref name="kind"/> (the model's check, as in <c>KernelHost</c>).</summary>
    public bool Holds(string opId, Kernel.Operations.KernelLock kind)
    {
        foreach (var h in _held)
        {
            if (h.Lock.Lock == kind && h.OpId == opId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The holder of <paramref name="name"/>, or null.</summary>
    public string? HolderOf(LockName name)
    {
        foreach (var h in _held)
        {
            if (h.Lock == name)
            {
                return h.OpId;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>mutex_lock()</c>'s fast path: <paramref name="opId"/> takes <paramref name="name"/> itself when nobody holds it and
    /// no request for it is out (true); otherwise nothing changes and the caller asks the lock's owner.
    /// </summary>
    internal bool TryTakeUncontended(LockName name, string opId)
    {
        if (HolderOf(name) is not null || HasRequests(name))
        {
            return false;
        }

        _held.Add(new LockHolding(name, opId));
        return true;
    }

    /// <summary>Whether a request for <paramref name="name"/> is out (sent to its owner, not yet granted or refused).</summary>
    internal bool HasRequests(LockName name)
    {
        if (_requested is not null)
        {
            foreach (var (n, _) in _requested)
            {
                if (n == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Notes a request for <paramref name="name"/> sent to its owner.</summary>
    internal void Requested(LockName name)
    {
        _requested ??= [];
        for (var i = 0; i < _requested.Count; i++)
        {
            if (_requested[i].Name == name)
            {
                _requested[i] = (name, _requested[i].Count + 1);
                return;
            }
        }

        _requested.Add((name, 1));
    }

    /// <summary>Notes that the owner granted or refused a request for <paramref name="name"/>.</summary>
    internal void Answered(LockName name)
    {
        for (var i = 0; _requested is not null && i < _requested.Count; i++)
        {
            if (_requested[i].Name == name)
            {
                if (_requested[i].Count == 1)
                {
                    _requested.RemoveAt(i);
                }
                else
                {
                    _requested[i] = (name, _requested[i].Count - 1);
                }

                return;
            }
        }
    }

    /// <summary>The locks with requests out, and how many (empty on a quiescent host).</summary>
    public IReadOnlyList<(LockName Name, int Count)> Requests => _requested ?? [];

    internal void Granted(LockName name, string opId) => _held.Add(new LockHolding(name, opId));

    /// <summary>Drops <paramref name="name"/> when <paramref name="opId"/> holds it (a one-way unlock, as the operation sends it); false otherwise.</summary>
    internal bool ReleasedBy(LockName name, string opId)
    {
        for (var i = _held.Count - 1; i >= 0; i--)
        {
            if (_held[i].Lock == name && _held[i].OpId == opId)
            {
                _held.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    internal void Released(LockName name)
    {
        // A loop, not RemoveAll with a closure: every unlock of every step runs this.
        for (var i = _held.Count - 1; i >= 0; i--)
        {
            if (_held[i].Lock == name)
            {
                _held.RemoveAt(i);
            }
        }
    }
}
