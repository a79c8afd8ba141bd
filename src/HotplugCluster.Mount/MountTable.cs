namespace HotplugCluster.Mount;

/// <summary>The mounts of this process's namespace, from <c>/proc/self/mountinfo</c> (proc(5)).</summary>
public static class MountTable
{
    /// <summary>The file-system type our mounts carry in mountinfo (<c>fuse.</c> + the subtype).</summary>
    public const string FsType = "fuse.hotplug";

    /// <summary>The mounts on exactly <paramref name="mountpoint"/>, bottom first: (fstype, source); another process's namespace through its <paramref name="mountinfo"/>.</summary>
    public static IReadOnlyList<(string FsType, string Source)> At(string mountpoint, string mountinfo = "/proc/self/mountinfo")
    {
        ArgumentNullException.ThrowIfNull(mountpoint);
        var full = Path.GetFullPath(mountpoint).TrimEnd('/');
        var found = new List<(string, string)>();
        foreach (var line in File.ReadLines(mountinfo))
        {
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (dash < 5 || dash + 2 >= fields.Length)
            {
                continue;
            }

            if (Unescape(fields[4]) == (full.Length == 0 ? "/" : full))
            {
                found.Add((fields[dash + 1], Unescape(fields[dash + 2])));
            }
        }

        return found;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as octal escapes (\040).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> s) => s.Length == 3 && s[0] is >= '0' and <= '7' && s[1] is >= '0' and <= '7' && s[2] is >= '0' and <= '7';
}
