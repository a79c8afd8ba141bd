using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Kernel.Host;

public sealed partial class KernelHost
{
    /// <summary>
    /// Runs several operations at once, one step at a time, letting <paramref name="choose"/> pick which
    /// runnable operation steps next (it gets the number of runnable operations and returns an index; the
    /// caller owns the randomness). An acquire of a lock another operation holds blocks; a retrying step
    /// yields. The kernel's sysfs trylock-and-restart is equivalent to blocking here. Throws on deadlock.
    /// </summary>
    /// <returns>The trace: which operation ran which step, in order.</returns>
    public IReadOnlyList<(int Operation, KernelStep Step)> RunInterleaved(IReadOnlyList<KernelOperation> ops, Func<int, int> choose)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(choose);
        var cursors = ops.Select(op => op.Steps().GetEnumerator()).ToArray();
        var pending = new KernelStep?[ops.Count];
        var held = ops.Select(_ => new List<(KernelLock, string?)>()).ToArray();
        var trace = new List<(int, KernelStep)>();
        var retries = 0;
        for (var i = 0; i < ops.Count; i++)
        {
            pending[i] = cursors[i].MoveNext() ? cursors[i].Current : null;
        }

        while (true)
        {
            var runnable = Enumerable.Range(0, ops.Count).Where(i => pending[i] is { } s && !BlockedBy(s, i, held)).ToList();
            if (runnable.Count == 0)
            {
                if (pending.Any(p => p is not null))
                {
                    throw new InvalidOperationException("deadlock: " + string.Join("; ", Enumerable.Range(0, ops.Count)
                        .Where(i => pending[i] is not null).Select(i => $"{ops[i].Name} waits at {pending[i]}")));
                }

                return trace;
            }

            var pick = runnable[choose(runnable.Count)];
            var step = pending[pick]!;
            trace.Add((pick, step));
            if (RecordSteps)
            {
                _steps.Add(step);
            }

            var retry = false;
            switch (step.Kind)
            {
                case StepKind.Acquire:
                    held[pick].Add((step.Lock, step.Target));
                    break;
                case StepKind.Release:
                    held[pick].Remove((step.Lock, step.Target));
                    break;
                default:
                    var result = step.Execute(State);
                    for (var i = 0; i < result.EventCount; i++)
                    {
                        Append(result.EventAt(i));
                    }

                    retry = result.Retry;
                    break;
            }

            retries = retry ? retries + 1 : 0;
            if (retries > RetryLimit)
            {
                throw new InvalidOperationException($"step '{step.Name}' retried {RetryLimit} times with no progress and no signal");
            }

            if (!retry)
            {
                pending[pick] = cursors[pick].MoveNext() ? cursors[pick].Current : null;
                if (pending[pick] is null && held[pick].Count > 0)
                {
                    // The operation returned holding locks: keep them held (others block on them) and record the leak.
                    _leaked.AddRange(held[pick].Select(h => $"{ops[pick].Name}: {new HeldLock(h.Item1, h.Item2)}"));
                }
            }

            Notify(pick, ops[pick].Name, step, held[pick], OnStep is null ? null : held.Where((_, i) => i != pick).SelectMany(h => h));
        }
    }

    private static bool BlockedBy(KernelStep step, int self, List<(KernelLock Lock, string? Instance)>[] held)
    {
        if (step.Kind != StepKind.Acquire)
        {
            return false;
        }

        for (var i = 0; i < held.Length; i++)
        {
            if (i != self && held[i].Contains((step.Lock, step.Target)))
            {
                return true;
            }
        }

        return false;
    }
}
