using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Exploration;

/// <summary>
/// Where a lane's <c>dimm add</c> lands and what it is called, decided when the lane issues it (the hypervisor picks
/// the slot before the guest sees the ACPI event): the same first-fit rule as the shell's <c>dimm add</c> (above boot
/// DRAM and every CXL window, 1 GiB-aligned base, lowest free block-aligned gap), and the lowest unused two-digit name.
/// </summary>
internal static class DimmPlacement
{
    public static PhysAddr Place(HostState state, ByteSize size)
    {
        var layout = state.Layout;
        var floor = layout.BootMemEnd;
        foreach (var w in layout.CxlWindows)
        {
            var end = w.Start + w.Size;
            floor = end > floor ? end : floor;
        }

        var align = layout.BlockSize;
        var candidate = floor.AlignUp(ByteSize.FromGiB(1)).AlignUp(align);
        foreach (var d in state.AcpiMemoryDevices.OrderBy(d => d.Start))
        {
            if (candidate + size <= d.Start)
            {
                break;
            }

            var end = d.Start + d.Size;
            candidate = end > candidate ? end.AlignUp(align) : candidate;
        }

        return candidate;
    }

    public static string NextName(HostState state, IReadOnlyCollection<string> taken)
    {
        for (var i = 0; ; i++)
        {
            var name = i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(name) && !state.AcpiMemoryDevices.Any(d => d.Name == name))
            {
                return name;
            }
        }
    }
}
