using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Exploration.Schedules;

namespace HotplugCluster.Exploration.Strategies;

/// <summary>
/// Replays recorded choices; past their end every step takes the default (index 0). A choice beyond the enabled set
/// is clamped to the last actor when lenient (minimisation tries edited schedules) and, when strict, stops the run
/// with <see cref="ScheduleDivergedException"/> naming the step (a trace that no longer fits the model).
/// </summary>
public sealed class ReplayExploration(IReadOnlyList<int> choices, bool strict) : ExplorationStrategy
{
    /// <inheritdoc/>
    protected override int Pick(IReadOnlyList<IScheduledActor> enabled, int position)
    {
        if (position >= choices.Count)
        {
            return 0;
        }

        var choice = choices[position];
        if (choice < enabled.Count)
        {
            return choice;
        }

        return strict
            ? throw new ScheduleDivergedException(position, $"the trace chooses actor #{choice} of the enabled ones, but only {enabled.Count} are enabled")
            : enabled.Count - 1;
    }
}
