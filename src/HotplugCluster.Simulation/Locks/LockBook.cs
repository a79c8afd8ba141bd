namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// The host's view of who holds which lock, written only by the lock owners when they grant and release, read
/// by the step owners' lock check and by stuck reports. Holdings are kept in grant order (a handful at a time).
/// </summary>
public sealed class LockBook
{
    private readonly List<LockHolding> _held = [];

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
    public string? HolderOf(LockName name) => _held.Find(h => h.Lock == name)?.OpId;

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
