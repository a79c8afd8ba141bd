namespace HotplugCluster.Persistence.Actors;

/// <summary>Published on the actor system's event stream when a persistent actor fails to recover, or its write fails or is rejected.</summary>
/// <param name="PersistenceId">The actor's stream.</param>
/// <param name="SequenceNr">The event concerned (0 when none).</param>
/// <param name="Phase"><c>recovery</c>, <c>persist-rejected</c> or <c>persist-failed</c>.</param>
/// <param name="Cause">What went wrong.</param>
public sealed record PersistenceFailure(string PersistenceId, long SequenceNr, string Phase, Exception Cause)
{
    /// <inheritdoc/>
    public override string ToString() => $"{PersistenceId}#{SequenceNr}: {Phase}: {Cause.Message}";
}
