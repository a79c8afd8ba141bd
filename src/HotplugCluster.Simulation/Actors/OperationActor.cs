using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The kernel thread running one operation (a sysfs write, a probe, a DIMM hot-add): it walks the operation's
/// steps, takes and drops locks as the host's protocol does (<see cref="LockHandling"/>), sends each work step to the actor that owns its partition and waits for the
/// reply, re-sends a retrying step (so other messages run in between, as the kernel's retry loops let others run),
/// and stops when the steps are exhausted (or, reused, waits for the host's next operation). Operations therefore
/// interleave exactly at step boundaries.
/// </summary>
internal sealed class OperationActor : UntypedActor
{
    /// <summary>A retrying step that never stops is a model bug or a missing signal (as in <c>KernelHost</c>).</summary>
    private const int RetryLimit = 100_000;

    private readonly HostContext _host;
    private OperationStatus _status;
    private OperationRequest _request;
    private KernelOperation? _op;
    private IEnumerator<KernelStep>? _steps;
    private KernelStep? _current;
    private int _attempt;

    // The step message this thread sends; under the fleet protocol the same one for every step (RunStep.Reuse).
    private RunStep? _run;

    // Under the fleet protocol the one object its operations write their steps into (KernelOperation.ReuseStepObject).
    private KernelStep? _stepObject;

    /// <summary>The thread of one operation: it runs <paramref name="request"/> when it starts and stops when it returns.</summary>
    public OperationActor(HostContext host, OperationStatus status, OperationRequest request)
    {
        _host = host;
        _status = status;
        _request = request;
    }

    /// <summary>A reused thread (<see cref="HostProtocol.Fleet"/>): it runs each <see cref="RunOperation"/> it is given and waits in the host's idle threads in between.</summary>
    public OperationActor(HostContext host)
    {
        _host = host;
        _status = null!;
        _request = default;
    }

    protected override void PreStart()
    {
        if (_request.Completed is not null)
        {
            Begin();
        }
    }

    private void Begin()
    {
        if (_request.Operation is { } given)
        {
            _op = given;
        }
        else
        {
            // The write's path is resolved when this thread runs (kernfs open + the store method), not when it was queued.
            var (planned, error) = SysfsWriter.Plan(_host.State, _request.Path!, _request.Value!, _host.SignalAfterAttempts);
            if (planned is null)
            {
                Finish(new OperationOutcome(null, error, null));
                return;
            }

            _op = planned;
            _status.Name = planned.Name;
        }

        if (_host.Protocol.ReuseOperationThreads)
        {
            // This thread has one step out at a time and asks for the next only after the owner's reply, and the owner
            // keeps nothing of the step past its turn: so every step can be the same object.
            _op.ReuseStepObject(_stepObject ??= KernelStep.Reusable());
        }

        _steps = _op.Steps().GetEnumerator();
        Advance();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RunOperation run when _request.Completed is null:
                (_status, _request) = (run.Status, run.Request);
                _host.GiveBack(run);
                Begin();
                break;
            case LockGranted or LockReleased:
                Advance();
                break;
            case LockRefused when _current?.Kind == StepKind.Release && !_host.EnforceLocks:
                // A bug switch dropped the acquire: the unpaired unlock is reported (by the lock owner) and the thread goes on.
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
        var dir = _host.Directory;
        switch (step.Kind)
        {
            case StepKind.Acquire:
                if (_host.LockHandling.Lock(_host, _status, LockName.Of(step), Self))
                {
                    Advance();
                }

                break;
            case StepKind.Release:
                if (_host.LockHandling.Unlock(_host, _status, LockName.Of(step), Self))
                {
                    Advance();
                }

                break;
            default:
                _status.WaitFor(step);
                var run = _host.Protocol.ReuseOperationThreads && _run is { } sent ? sent.Reuse(step, _status.OpId, _attempt)
                    : _run = new RunStep(step, _status.OpId, _attempt);
                StepRouter.OwnerOf(dir, step).Tell(run, Self);
                break;
        }
    }

    private void Returned()
    {
        // Lockdep's "lock held when returning to user space!": the lock stays held (nobody can release it now).
        // A loop, not LINQ: every sysfs write returns here, and almost none leaks a lock.
        List<string>? leaked = null;
        foreach (var h in _host.Locks.Held)
        {
            if (h.OpId == _status.OpId)
            {
                (leaked ??= []).Add(h.Lock.ToString());
            }
        }

        if (leaked is not null)
        {
            _host.Report($"{_status} returned holding {string.Join(", ", leaked)}");
        }

        Finish(new OperationOutcome(_op, null, null));
    }

    private void Fault(Exception ex)
    {
        _host.Report($"{_status} failed: {ex.Message}");
        Finish(new OperationOutcome(_op, null, ex));
    }

    private void Finish(OperationOutcome outcome)
    {
        var (done, caller) = (_status, _request);
        if (_host.Protocol.ReuseOperationThreads)
        {
            // Idle before the caller hears: whatever it starts next may take this thread.
            _steps?.Dispose();
            (_op, _steps, _current, _attempt) = (null, null, null, 0);
            (_status, _request) = (null!, default);
            _host.IdleThreads.Push(Self);
        }
        else
        {
            Context.Stop(Self);
        }

        done.Finished = true;
        done.WaitingFor = null;
        caller.Completed(outcome);
    }
}
