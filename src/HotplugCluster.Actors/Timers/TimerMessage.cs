using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors.Timers;

/// <summary>The envelope a keyed timer sends; the actor's cell unwraps it only if the timer's generation is still current.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message) : IAutoReceivedMessage;
