using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Exploration.Schedules;

/// <summary>
/// Where a lane's <c>dimm add</c> lands and what it is called, decided when the lane issues it (the hypervisor picks
/// the slot before the guest sees the ACPI event): the same first-fit rule as the shell's <c>dimm add</c> (above boot
/// DRAM and every CXL window, 1 GiB-aligned base, lowest free block-aligned gap), and the lowest unused two-digit name.
/// </summary>
internal static class DimmPlacement
{
    /// <summary>The lowest free gap for <paramref name="size"/>, also avoiding <paramref name="pending"/> (DIMMs handed out whose add has not run yet).</summary>
    public static PhysAddr Place(HostState state, ByteSize size, IReadOnlyList<(PhysAddr Start, ByteSize Size)> pending)
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
        var taken = state.AcpiMemoryDevices.Select(d => (d.Start, d.Size)).Concat(pending).OrderBy(d => d.Start.Value);
        foreach (var (start, length) in taken)
        {
            if (candidate + size <= start)
            {
                break;
            }

            var end = start + length;
            candidate = end > candidate ? end.AlignUp(align) : candidate;
        }

        return candidate;
    }

    /// <summary>The lowest two-digit name neither present nor in <paramref name="taken"/>.</summary>
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
