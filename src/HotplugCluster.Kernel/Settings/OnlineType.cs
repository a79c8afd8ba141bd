namespace HotplugCluster.Kernel.Settings;

/// <summary><c>enum mmop</c>: what a <c>state</c> write or the auto-online default asks for (include/linux/memory_hotplug.h).</summary>
public enum OnlineType
{
    Offline = 0,
    Online = 1,
    OnlineKernel = 2,
    OnlineMovable = 3,
}
