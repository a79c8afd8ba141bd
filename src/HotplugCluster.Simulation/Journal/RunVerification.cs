using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Memory;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// <c>replay --verify</c>: re-executes a recorded run from its configuration, seed and recorded choices into a
/// memory journal and compares the events with the stored ones, persistence id, sequence number, manifest and
/// payload bytes, in journal order. A run without a finish (killed while writing) is checked as a prefix.
/// </summary>
public static class RunVerification
{
    /// <summary>Re-executes <paramref name="runId"/> and names the first event that differs, if any.</summary>
    /// <param name="runs">The journal holding the run.</param>
    /// <param name="runId">The run.</param>
    /// <param name="scenario">The run's scenario, read from its stored configuration.</param>
    /// <param name="settings">Its actor settings (seed and strategy), read from the same configuration.</param>
    public static VerificationResult Verify(RunJournal runs, string runId, Scenario scenario, ActorSystemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        var summary = runs.Summary(runId) ?? throw new ArgumentException($"no run '{runId}'", nameof(runId));
        var stored = runs.StoredEvents(runId);
        var schedule = runs.Schedule(runId);
        var replaying = schedule.Length > 0 ? new ReplayStrategy(Trace.FromBytes(schedule), fifoPastEnd: true) : null;
        var replay = replaying is null ? settings : settings with { StrategyFactory = () => replaying };
        var memory = new MemoryJournal();
        string? failure = null;
        try
        {
            new RunExecution(runId, scenario, replay, memory).Execute();
        }
        catch (TraceDivergenceException e)
        {
            failure = $"the recorded schedule no longer replays: {e.Message}";
        }

        var produced = memory.CurrentEventsByPersistenceIdPrefix(RunJournal.StreamPrefix(runId));
        var finished = summary.Finished is not null;
        var count = Math.Min(stored.Count, produced.Count);
        for (var i = 0; i < count; i++)
        {
            if (!Same(stored[i].Event, produced[i].Event))
            {
                return new VerificationResult(i + 1, stored.Count, produced.Count, finished,
                    $"event #{i + 1} differs: the journal has {Describe(stored[i].Event)}, re-execution produced {Describe(produced[i].Event)}" + (failure is null ? "" : $" ({failure})"));
            }
        }

        if (stored.Count > produced.Count)
        {
            return new VerificationResult(count + 1, stored.Count, produced.Count, finished,
                $"event #{count + 1} differs: the journal has {Describe(stored[count].Event)}, re-execution produced nothing more" + (failure is null ? "" : $" ({failure})"));
        }

        if (finished && produced.Count > stored.Count)
        {
            return new VerificationResult(count + 1, stored.Count, produced.Count, finished,
                $"event #{count + 1} differs: the journal ends, re-execution produced {Describe(produced[count].Event)}");
        }

        return failure is null
            ? new VerificationResult(null, stored.Count, produced.Count, finished, null)
            : new VerificationResult(count, stored.Count, produced.Count, finished, failure);
    }

    private static bool Same(PersistentRepr a, PersistentRepr b) =>
        a.PersistenceId == b.PersistenceId && a.SequenceNr == b.SequenceNr && a.Manifest == b.Manifest && a.Payload.Span.SequenceEqual(b.Payload.Span);

    private static string Describe(PersistentRepr e)
    {
        var text = RunJournal.Codecs().Decode(e) is Kernel.Events.KernelEvent k ? EventJson.Of(k) : e.Manifest;
        return $"{e.PersistenceId}#{e.SequenceNr} {text}";
    }
}
