namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered as a command after <see cref="PersistentActor.DeleteMessages"/> deleted the events up to <paramref name="ToSequenceNr"/>.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);
