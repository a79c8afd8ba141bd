namespace HotplugCluster.Actors;

/// <summary>A behaviour: handles <paramref name="message"/> and returns false when it does not handle it (the message then goes to <see cref="ActorBase.Unhandled"/>).</summary>
public delegate bool Receive(object message);
