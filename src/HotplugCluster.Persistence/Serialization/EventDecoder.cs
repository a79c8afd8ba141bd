namespace HotplugCluster.Persistence.Serialization;

/// <summary>Reads one event's fields, in the order its encoder of the same manifest wrote them.</summary>
public delegate T EventDecoder<out T>(ref EventReader reader);
