namespace HotplugCluster.Kernel.Settings;

/// <summary><c>memory_hotplug.online_policy</c> (mm/memory_hotplug.c <c>online_policy_to_str</c>).</summary>
public enum OnlinePolicy
{
    ContigZones = 0,
    AutoMovable = 1,
}
