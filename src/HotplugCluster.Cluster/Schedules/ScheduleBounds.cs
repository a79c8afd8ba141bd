using System.Collections.Concurrent;

namespace HotplugCluster.Cluster.Schedules;

/// <summary>
/// The lowest violating schedule a member knows of, per stress job: found by its own ranges or told by others
/// (<see cref="ScheduleBoundRelay"/>). Ranges skip the schedules above it. Safe from any thread.
/// </summary>
public sealed class ScheduleBounds
{
    private readonly ConcurrentDictionary<string, int> _bounds = new(StringComparer.Ordinal);

    /// <summary>Lowers job <paramref name="jobId"/>'s bound to <paramref name="schedule"/>; true when it was higher or unknown.</summary>
    public bool Lower(string jobId, int schedule)
    {
        var lowered = false;
        _bounds.AddOrUpdate(jobId, _ => { lowered = true; return schedule; }, (_, known) =>
        {
            lowered = schedule < known;
            return Math.Min(known, schedule);
        });
        return lowered;
    }

    /// <summary>The lowest violating schedule known for <paramref name="jobId"/>, or null.</summary>
    public int? Of(string jobId) => _bounds.TryGetValue(jobId, out var bound) ? bound : null;
}
