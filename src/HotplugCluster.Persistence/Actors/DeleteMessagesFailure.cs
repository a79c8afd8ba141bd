namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered as a command when <see cref="PersistentActor.DeleteMessages"/> failed; the events are still there.</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);
