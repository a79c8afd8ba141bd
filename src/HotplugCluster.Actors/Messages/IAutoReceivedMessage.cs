namespace HotplugCluster.Actors.Messages;

/// <summary>Marks messages the runtime handles itself before the actor's behaviour sees them.</summary>
internal interface IAutoReceivedMessage;
