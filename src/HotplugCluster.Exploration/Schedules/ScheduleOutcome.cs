using HotplugCluster.Exploration.Traces;
using HotplugCluster.Kernel.Faults;

namespace HotplugCluster.Exploration.Schedules;

/// <summary>
/// One schedule's run: its first <see cref="Finding"/> (null: every invariant held), the choices it made (up to the
/// finding, where it stopped), the fault plan its seed armed, each lane command's result and, when asked for, the
/// readable sequence of messages.
/// </summary>
public sealed record ScheduleOutcome(
    Finding? Finding,
    IReadOnlyList<int> Choices,
    FaultPlan Faults,
    IReadOnlyList<LaneResult> Results,
    IReadOnlyList<TraceLine> Lines)
{
    /// <summary>Scheduler steps run since the lanes started.</summary>
    public int Steps => Choices.Count;
}
