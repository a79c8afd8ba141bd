using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>The kernel's parsers for sysfs input.</summary>
public static class SysfsParse
{
    // Enum.GetValues makes a new array per call; every state write parses its value.
    private static readonly OnlineType[] OnlineTypes = Enum.GetValues<OnlineType>();

    /// <summary><c>sysfs_streq()</c>: equal, ignoring one trailing newline on either side.</summary>
    /// <remarks>lib/string.c.</remarks>
    public static bool Streq(string input, string expected)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(expected);
        return Trimmed(input).SequenceEqual(Trimmed(expected));

        static ReadOnlySpan<char> Trimmed(string s) => s.EndsWith('\n') ? s.AsSpan(0, s.Length - 1) : s;
    }

    public static string TrimNewline(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.EndsWith('\n') ? s[..^1] : s;
    }

    /// <summary><c>mhp_online_type_from_str()</c>: the four state strings, or null (-EINVAL).</summary>
    /// <remarks>mm/memory_hotplug.c.</remarks>
    public static OnlineType? OnlineTypeFromStr(string input)
    {
        foreach (var t in OnlineTypes)
        {
            if (Streq(input, OnlineTypeToStr(t)))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary><c>online_type_to_str[]</c>.</summary>
    public static string OnlineTypeToStr(OnlineType type) => type switch
    {
        OnlineType.Online => "online",
        OnlineType.OnlineKernel => "online_kernel",
        OnlineType.OnlineMovable => "online_movable",
        _ => "offline",
    };

    /// <summary>
    /// <c>kstrtobool()</c>: y/Y/t/T/1 true, n/N/f/F/0 false, on/off; after 6.1 also e/E (enable) true and d/D (disable)
    /// false; otherwise null (-EINVAL).
    /// </summary>
    /// <remarks>lib/kstrtox.c <c>kstrtobool()</c>: 6.1's switch has no 'e'/'d' cases; the 6.8 one has them.</remarks>
    public static bool? KstrToBool(string input, KernelVersion version = KernelVersion.V6_8)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length == 0)
        {
            return null;
        }

        switch (input[0])
        {
            case 'e' or 'E' or 'd' or 'D' when version == KernelVersion.V6_1:
                return null;
            case 'y' or 'Y' or 't' or 'T' or 'e' or 'E' or '1':
                return true;
            case 'n' or 'N' or 'f' or 'F' or 'd' or 'D' or '0':
                return false;
            case 'o' or 'O' when input.Length > 1:
                return input[1] switch
                {
                    'n' or 'N' => true,
                    'f' or 'F' => false,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary><c>kstrtouint(s, 0, …)</c>: decimal, 0x hex or 0 octal, one trailing newline; -EINVAL or -ERANGE.</summary>
    /// <remarks>lib/kstrtox.c.</remarks>
    public static (uint Value, Errno? Error) KstrToUint(string input)
    {
        var s = TrimNewline(input ?? string.Empty);
        var radix = 10;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2)
        {
            radix = 16;
            s = s[2..];
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return (0, Errno.EINVAL);
        }

        ulong value = 0;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return (0, Errno.EINVAL);
            }

            value = (value * (ulong)radix) + (ulong)digit;
            if (value > uint.MaxValue)
            {
                return (0, Errno.ERANGE);
            }
        }

        return ((uint)value, null);
    }

    /// <summary><c>kstrtoint(s, 0, …)</c> for debugfs errno files.</summary>
    public static (int Value, Errno? Error) KstrToInt(string input)
    {
        var s = TrimNewline(input ?? string.Empty);
        var negative = s.StartsWith('-');
        var (value, error) = KstrToUint(negative ? s[1..] : s);
        if (error is not null)
        {
            return (0, error);
        }

        if (value > (negative ? 2147483648u : int.MaxValue))
        {
            return (0, Errno.ERANGE);
        }

        return (negative ? (int)-(long)value : (int)value, null);
    }
}
