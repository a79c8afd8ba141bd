using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Exploration.Strategies;

/// <summary>
/// Probabilistic concurrency testing with depth d (Burckhardt et al., ASPLOS 2010, as in Coyote): every actor gets
/// a random priority (all above d) when first seen; each step runs the enabled actor of highest priority; at d-1
/// change points drawn uniformly from the first <c>expectedSteps</c> steps, the actor about to run drops to priority
/// d-i, below every initial priority. A bug of depth d is found with probability at least 1/(n·k^(d-1)).
/// </summary>
/// <remarks>The schedulable units are actors (operation threads, owners, locks), not kernel threads alone.</remarks>
public sealed class PctStrategy : ExplorationStrategy
{
    private readonly DeterministicRandom _random;
    private readonly int _depth;
    private readonly int[] _changePoints;
    private readonly Dictionary<long, long> _priority = [];
    private int _nextChange;

    /// <summary>A PCT scheduler with its own seed, depth (≥ 1) and estimate of the schedule's length in steps.</summary>
    public PctStrategy(long seed, int depth, int expectedSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _random = new DeterministicRandom(seed);
        _depth = depth;
        var span = Math.Max(expectedSteps, 1);
        var points = new SortedSet<int>();
        while (points.Count < Math.Min(depth - 1, span))
        {
            points.Add(_random.NextInt(span));
        }

        _changePoints = [.. points];
    }

    /// <summary>The steps at which a priority drops, ascending.</summary>
    public IReadOnlyList<int> ChangePoints => _changePoints;

    /// <inheritdoc/>
    protected override int Pick(IReadOnlyList<IScheduledActor> enabled, int position)
    {
        var best = Highest(enabled);
        if (_nextChange < _changePoints.Length && position == _changePoints[_nextChange])
        {
            _nextChange++;
            _priority[enabled[best].Id] = _depth - _nextChange;
            best = Highest(enabled);
        }

        return best;
    }

    private int Highest(IReadOnlyList<IScheduledActor> enabled)
    {
        var best = 0;
        var bestPriority = long.MinValue;
        for (var i = 0; i < enabled.Count; i++)
        {
            var id = enabled[i].Id;
            if (!_priority.TryGetValue(id, out var p))
            {
                // Initial priorities lie above every change-point priority (0..d-1); ties (vanishingly rare) go to the longer-waiting actor.
                p = _depth + (long)(_random.NextUInt64() >> 2);
                _priority[id] = p;
            }

            if (p > bestPriority)
            {
                best = i;
                bestPriority = p;
            }
        }

        return best;
    }
}
