using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>The run methods: the only places steps happen and virtual time moves.</summary>
internal sealed partial class DeterministicDispatcher
{
    /// <summary>Runs steps until no actor is enabled, firing timers already due but never moving the clock.</summary>
    public long RunUntilQuiescent(long maxSteps)
    {
        using var scope = new DriveScope(this, running: true);
        long steps = 0;
        while (steps < maxSteps)
        {
            if (Step())
            {
                steps++;
            }
            else if (!DrainInbox() && !_scheduler.FireNext(_scheduler.Now))
            {
                break;
            }
        }

        return steps;
    }

    /// <summary>Runs up to <paramref name="count"/> steps, jumping the clock to the next timer whenever nothing is enabled.</summary>
    public long RunSteps(long count)
    {
        using var scope = new DriveScope(this, running: true);
        long steps = 0;
        while (steps < count)
        {
            if (Step())
            {
                steps++;
            }
            else if (!DrainInbox() && !_scheduler.FireNext(TimeSpan.MaxValue))
            {
                break;
            }
        }

        return steps;
    }

    /// <summary>Runs until <paramref name="done"/> holds, jumping the clock from timer to timer but never past now + <paramref name="limit"/>;
    /// returns false (with the clock at that limit) if it never held.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var scope = new DriveScope(this, running: true);
        var deadline = _scheduler.Now + limit;
        while (!done())
        {
            if (!Step() && !DrainInbox() && !_scheduler.FireNext(deadline))
            {
                _scheduler.AdvanceClockTo(deadline);
                return done();
            }
        }

        return true;
    }

    /// <summary>Enters the island's gate on this thread so that actors can be created here; runs nothing.</summary>
    public DriveScope Access() => new(this, running: false);

    /// <summary>Marks the current thread as driving this dispatcher for the scope's lifetime.</summary>
    internal readonly ref struct DriveScope
    {
        private readonly DeterministicDispatcher _owner;
        private readonly DeterministicDispatcher? _previous;
        private readonly bool _running;

        public DriveScope(DeterministicDispatcher owner, bool running)
        {
            _owner = owner;
            _running = running;
            if (owner._inbox is not null)
            {
                owner._gate.Enter();
            }

            if (running && owner._running)
            {
                if (owner._inbox is not null)
                {
                    owner._gate.Exit();
                }

                throw new InvalidOperationException("the dispatcher is already running: run methods must not be called from inside an actor or an Ask continuation");
            }

            owner._running |= running;
            _previous = t_driving;
            t_driving = owner;
            if (running)
            {
                owner._driverState = ActorCell.State;
            }
        }

        public void Dispose()
        {
            t_driving = _previous;
            if (_running)
            {
                // Normally already null: a step clears it, except when an exception escaped the step (Step has no try block).
                _owner._driverState!.Cell = null;
                _owner._running = false;
            }

            if (_owner._inbox is not null)
            {
                _owner._gate.Exit();
            }
        }
    }
}
