using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The kernel thread running one operation (a sysfs write, a probe, a DIMM hot-add): it walks the operation's
/// steps, asks lock owners for grants, sends each work step to the actor that owns its partition and waits for the
/// reply, re-sends a retrying step (so other messages run in between, as the kernel's retry loops let others run),
/// and stops when the steps are exhausted. Operations therefore interleave exactly at step boundaries.
/// </summary>
internal sealed class OperationActor(HostContext host, OperationStatus status, OperationRequest request) : UntypedActor
{
    /// <summary>A retrying step that never stops is a model bug or a missing signal (as in <c>KernelHost</c>).</summary>
    private const int RetryLimit = 100_000;

    private KernelOperation? _op;
    private IEnumerator<KernelStep>? _steps;
    private KernelStep? _current;
    private int _attempt;

    protected override void PreStart()
    {
        if (request.Operation is { } given)
        {
            _op = given;
        }
        else
        {
            // The write's path is resolved when this thread runs (kernfs open + the store method), not when it was queued.
            var (planned, error) = SysfsWriter.Plan(host.State, request.Path!, request.Value!, host.SignalAfterAttempts);
            if (planned is null)
            {
                Finish(new OperationOutcome(null, error, null));
                return;
            }

            _op = planned;
            status.Name = planned.Name;
        }

        _steps = _op.Steps().GetEnumerator();
        Advance();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LockGranted or LockReleased:
                Advance();
                break;
            case LockRefused when _current?.Kind == StepKind.Release && !host.EnforceLocks:
                // A §8 switch dropped the acquire: the unpaired unlock is reported (by the lock owner) and the thread goes on.
                Advance();
                break;
            case LockRefused refused:
                Fault(new InvalidOperationException(refused.Reason));
                break;
            case StepDone { Retry: true }:
                if (++_attempt > RetryLimit)
                {
                    Fault(new InvalidOperationException($"step '{_current!.Name}' retried {RetryLimit} times with no signal"));
                    break;
                }

                Send();
                break;
            case StepDone:
                Advance();
                break;
            case StepRefused refused:
                Fault(new InvalidOperationException(refused.Reason, refused.Cause));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Advance()
    {
        bool more;
        try
        {
            more = _steps!.MoveNext();
        }
#pragma warning disable CA1031 // an operation's iterator failing is a model error: report it on the operation
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fault(ex);
            return;
        }

        if (!more)
        {
            Returned();
            return;
        }

        _current = _steps.Current;
        _attempt = 1;
        Send();
    }

    private void Send()
    {
        var step = _current!;
        var dir = host.Directory;
        switch (step.Kind)
        {
            case StepKind.Acquire:
                var name = LockName.Of(step);
                status.WaitFor("lock", name);
                StepRouter.LockOwnerOf(dir, name).Tell(new AcquireLock(name, status.OpId), Self);
                break;
            case StepKind.Release when host.OneWayUnlock:
                // mutex_unlock() does not sleep: the lock is free now (unless this thread does not hold it, which its owner
                // reports), and the owner hands it to its next waiter when the release arrives. The thread goes on at once.
                var dropped = LockName.Of(step);
                host.Locks.ReleasedBy(dropped, status.OpId);
                StepRouter.LockOwnerOf(dir, dropped).Tell(new ReleaseLock(dropped, status.OpId), Self);
                Advance();
                break;
            case StepKind.Release:
                var released = LockName.Of(step);
                status.WaitFor("unlock", released);
                StepRouter.LockOwnerOf(dir, released).Tell(new ReleaseLock(released, status.OpId), Self);
                break;
            default:
                status.WaitFor(step);
                StepRouter.OwnerOf(dir, step).Tell(new RunStep(step, status.OpId, _attempt), Self);
                break;
        }
    }

    private void Returned()
    {
        // Lockdep's "lock held when returning to user space!": the lock stays held (nobody can release it now).
        // A loop, not LINQ: every sysfs write returns here, and almost none leaks a lock.
        List<string>? leaked = null;
        foreach (var h in host.Locks.Held)
        {
            if (h.OpId == status.OpId)
            {
                (leaked ??= []).Add(h.Lock.ToString());
            }
        }

        if (leaked is not null)
        {
            host.Report($"{status} returned holding {string.Join(", ", leaked)}");
        }

        Finish(new OperationOutcome(_op, null, null));
    }

    private void Fault(Exception ex)
    {
        host.Report($"{status} failed: {ex.Message}");
        Finish(new OperationOutcome(_op, null, ex));
    }

    private void Finish(OperationOutcome outcome)
    {
        status.Finished = true;
        status.WaitingFor = null;
        request.Completed(outcome);
        Context.Stop(Self);
    }
}
