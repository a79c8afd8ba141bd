using System.Collections.Concurrent;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Schedules;

/// <summary>
/// Runs a schedule range of a stress job on a member: schedules <c>From</c> to <c>To</c> in order, each exactly as a
/// single process runs it (<see cref="Explorer.Run"/>, seeded from the run seed and its number), until the first
/// violation, which lowers the job's bound and is told to <c>found</c>, or until a schedule above the job's bound (a
/// lower violation is known, so this one cannot be the search's answer). The explorer is built once per job.
/// </summary>
public sealed class ScheduleRangeCompute(Config memberRoot, ScheduleBounds bounds, Action<string, int> found)
{
    private readonly ConcurrentDictionary<string, Lazy<Explorer>> _explorers = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/>'s range and returns its <see cref="RangeOutcome"/>, encoded.</summary>
    public byte[] Run(SliceWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_explorers.Count > 16)
        {
            // A long-lived member forgets older jobs' explorers (rebuilt if such a job comes back).
            _explorers.Clear();
        }

        var explorer = _explorers.GetOrAdd(work.JobId, _ => new Lazy<Explorer>(() => StressJob.Parse(SlicePayload.DecodeJob(work.Job)).Explorer(memberRoot))).Value;
        for (var schedule = work.Slice.From; schedule < work.Slice.To; schedule++)
        {
            if (bounds.Of(work.JobId) < schedule)
            {
                return new RangeOutcome(null, schedule).Encode();
            }

            if (explorer.Run(schedule).Finding is not null)
            {
                if (bounds.Lower(work.JobId, schedule))
                {
                    found(work.JobId, schedule);
                }

                return new RangeOutcome(schedule, schedule + 1).Encode();
            }
        }

        return new RangeOutcome(null, work.Slice.To).Encode();
    }
}
