using HotplugCluster.Cluster.Schedules;

namespace HotplugCluster.Cluster.Slices;

/// <summary>A worker member's computation of a slice: a fleet's hosts (<see cref="FleetSliceCompute"/>) or a stress job's schedule range (<see cref="ScheduleRangeCompute"/>), by the job's kind.</summary>
public sealed class MemberCompute(FleetSliceCompute fleets, ScheduleRangeCompute ranges)
{
    /// <summary>Computes <paramref name="work"/> and returns its result bytes.</summary>
    public byte[] Run(SliceWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return StressJob.Is(SlicePayload.DecodeJob(work.Job)) ? ranges.Run(work) : fleets.Run(work);
    }
}
