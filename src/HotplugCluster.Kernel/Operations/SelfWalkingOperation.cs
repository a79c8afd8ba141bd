using System.Collections;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// An operation that is its own step enumerator, for the few a fleet runs thousands of per host (one per "offline" write):
/// a compiler iterator is a second object per operation. <see cref="Walk"/> runs the code between two yields of the
/// iterator it replaces and hands out the next step with <see cref="Yield"/>; like every operation it runs once.
/// </summary>
public abstract class SelfWalkingOperation : KernelOperation, IEnumerable<KernelStep>, IEnumerator<KernelStep>
{
    private KernelStep? _current;
    private bool _walking;

    public sealed override IEnumerable<KernelStep> Steps()
    {
        if (_walking)
        {
            throw new InvalidOperationException("an operation runs once");
        }

        _walking = true;
        return this;
    }

    KernelStep IEnumerator<KernelStep>.Current => _current!;

    object IEnumerator.Current => _current!;

    IEnumerator<KernelStep> IEnumerable<KernelStep>.GetEnumerator() => this;

    IEnumerator IEnumerable.GetEnumerator() => this;

    bool IEnumerator.MoveNext() => Walk();

    void IEnumerator.Reset() => throw new NotSupportedException();

#pragma warning disable CA1816 // disposing ends the walk (an iterator's finally); operations hold nothing to finalize
    void IDisposable.Dispose() => EndWalk();
#pragma warning restore CA1816

    /// <summary>Runs on to the next step and yields it, or returns false when the operation has returned.</summary>
    protected abstract bool Walk();

    /// <summary>The walk ends early (an iterator's <c>finally</c>): nothing is handed out after this.</summary>
    protected abstract void EndWalk();

    /// <summary>Hands out <paramref name="step"/> as the current step; returns true for <see cref="Walk"/> to return.</summary>
    protected bool Yield(KernelStep step)
    {
        _current = step;
        return true;
    }
}
