namespace HotplugCluster.Kernel.Host;

/// <summary>The kernel log: messages in the kernel's wording, in order. Host-wide owner.</summary>
public sealed class Dmesg
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>A copy of the log.</summary>
    internal Dmesg Copy()
    {
        var copy = new Dmesg();
        copy._lines.AddRange(_lines);
        return copy;
    }

    internal void Add(string line) => _lines.Add(line);

    public bool Contains(string fragment) => _lines.Exists(l => l.Contains(fragment, StringComparison.Ordinal));
}
