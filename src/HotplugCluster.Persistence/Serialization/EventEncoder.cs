namespace HotplugCluster.Persistence.Serialization;

/// <summary>Writes one event's fields.</summary>
public delegate void EventEncoder<in T>(T value, EventWriter writer);
