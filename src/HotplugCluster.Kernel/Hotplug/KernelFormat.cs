using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Hotplug;

/// <summary>printk formats the model's messages use.</summary>
public static class KernelFormat
{
    /// <summary><c>%#llx</c>: 0x-prefixed hex, plain 0 for zero.</summary>
    public static string Hex(ulong value) => value == 0 ? "0" : $"0x{value:x}";

    /// <summary><c>%pa</c>: a phys_addr_t as 0x and 16 zero-padded hex digits.</summary>
    public static string Pa(PhysAddr addr) => $"0x{addr.Value:x16}";

    /// <summary><c>%#010llx</c>.</summary>
    public static string Hex010(ulong value) => $"0x{value:x8}";

    /// <summary><c>string_get_size(size, 1, STRING_UNITS_2, …)</c>: three significant digits and a binary unit.</summary>
    /// <remarks>lib/string_helpers.c.</remarks>
    public static string Size(ByteSize size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double value = size.Bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        if (unit == 0)
        {
            return $"{size.Bytes} B";
        }

        var text = value >= 100 ? value.ToString("0") : value >= 10 ? value.ToString("0.0") : value.ToString("0.00");
        return $"{text} {units[unit]}";
    }
}
