using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// <c>dimm add</c> / <c>dimm eject</c>: what a hypervisor does with QEMU's pc-dimm, as ACPI memory device operations.
/// Placement: the device-memory area starts above boot DRAM and every CXL window, rounded up to 1 GiB (QEMU aligns its
/// device_memory base to 1 GiB); a new DIMM takes the lowest free block-aligned gap there that fits it (first fit,
/// so an ejected DIMM's range is reused), as QEMU's memory_device_get_free_addr() does.
/// </summary>
public sealed partial class HostShell
{
    private int DimmAdd(DimmAddCommand c, TextWriter output)
    {
        var state = Console.State;
        var start = PlaceDimm(c.Size);
        var name = NextDimmName();
        var op = Console.Run(new AcpiMemoryDeviceAdd(name, new NodeId(c.Node), start, c.Size));
        if (op.Error is { } e)
        {
            output.WriteLine($"dimm add: {op.Name}: {e.Message} ({e.Name})");
            return 1;
        }

        var end = start + c.Size;
        var ids = state.Blocks.IdsIn(start, c.Size).Select(id => id.Value).ToList();
        var blocks = ids.Count == 1 ? $"memory{ids[0]}" : $"memory{ids[0]}-memory{ids[^1]}";
        output.WriteLine($"PNP0C80:{name}: node {c.Node} [mem {KernelHex(start.Value)}-{KernelHex(end.Value - 1)}] {blocks}");
        return 0;
    }

    private int DimmEject(DimmEjectCommand c, TextWriter output)
    {
        var name = c.Name.StartsWith("PNP0C80:", StringComparison.Ordinal) ? c.Name["PNP0C80:".Length..] : c.Name;
        var op = Console.Run(new AcpiMemoryDeviceEject(name));
        if (op.Error is { } e)
        {
            output.WriteLine($"dimm eject: {op.Name}: {e.Message} ({e.Name})");
            return 1;
        }

        output.WriteLine($"PNP0C80:{name}: ejected");
        return 0;
    }

    private PhysAddr PlaceDimm(ByteSize size)
    {
        var layout = Console.State.Layout;
        var floor = layout.BootMemEnd;
        foreach (var w in layout.CxlWindows)
        {
            var end = w.Start + w.Size;
            floor = end > floor ? end : floor;
        }

        var align = layout.BlockSize;
        var candidate = floor.AlignUp(ByteSize.FromGiB(1)).AlignUp(align);
        foreach (var d in Console.State.AcpiMemoryDevices.OrderBy(d => d.Start))
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

    /// <summary>Two hex digits, the next unused (QEMU's ACPI memory slots; the kernel shows them as PNP0C80:NN).</summary>
    private string NextDimmName()
    {
        for (var i = 0; ; i++)
        {
            var name = i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            if (!Console.State.AcpiMemoryDevices.Any(d => d.Name == name))
            {
                return name;
            }
        }
    }

    private static string KernelHex(ulong v) => $"0x{v:x10}";
}
