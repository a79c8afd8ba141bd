namespace HotplugCluster.Kernel.Zones;

/// <summary>The x86_64 zones the model has (<c>enum zone_type</c>); <see cref="None"/> is a NULL <c>mem->zone</c>.</summary>
public enum ZoneType : byte
{
    None = 0,
    Dma32 = 1,
    Normal = 2,
    Movable = 3,
}
