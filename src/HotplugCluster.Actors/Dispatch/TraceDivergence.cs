namespace HotplugCluster.Actors.Dispatch;

/// <summary>The first step at which a replay could not follow its trace: the recorded actor (null past the trace's end) was not enabled.</summary>
public sealed record TraceDivergence(long Step, long? ExpectedActorId, IReadOnlyList<long> EnabledActorIds)
{
    public override string ToString() =>
        $"trace diverged at step {Step}: recorded actor {(ExpectedActorId?.ToString() ?? "<end of trace>")} is not enabled; enabled: [{string.Join(", ", EnabledActorIds)}]";
}
