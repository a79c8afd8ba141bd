namespace HotplugCluster.Actors.Cells;

/// <summary>A queued user message and its sender.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
