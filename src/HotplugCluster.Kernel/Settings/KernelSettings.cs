using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// Boot-time kernel configuration of one host (<c>host.kernel</c>). <c>MemoryBlockSize</c>: an explicit size
/// (<c>set_memory_block_size_order()</c>) or null for the x86 probe (<c>probe_memory_block_size()</c>).
/// <c>MemmapOnMemory</c>: the boot-only <c>memory_hotplug.memmap_on_memory</c>. <c>AutoOnlineBlocks</c>:
/// <c>memhp_default_state=</c>. <c>Hypervisor</c>: whether the CPU reports X86_FEATURE_HYPERVISOR (changes the
/// block-size probe). <c>Bugs</c>: historical bugs switched back on (docs/kernel-model.md, "Historical kernel bugs"). <c>PcBiosHoles</c>: the PC's low-memory holes in a node whose DRAM
/// starts at 0 and declares no holes of its own (<see cref="HostLayout.PcBiosHoles"/>).
/// </summary>
public sealed record KernelSettings(
    ByteSize? MemoryBlockSize = null,
    MemmapOnMemoryMode MemmapOnMemory = MemmapOnMemoryMode.Off,
    OnlineType AutoOnlineBlocks = OnlineType.Offline,
    OnlinePolicy OnlinePolicy = OnlinePolicy.ContigZones,
    uint AutoMovableRatio = 301,
    bool AutoMovableNumaAware = true,
    bool MovableNode = false,
    KernelVersion Version = KernelVersion.V6_8,
    bool Hypervisor = false,
    KernelBugs Bugs = KernelBugs.None,
    bool PcBiosHoles = true)
{
    public static KernelSettings Default { get; } = new();
}
