namespace HotplugCluster.Simulation.Shell;

/// <summary>What daxctl's <c>parse_options()</c> left: option values by long name and the non-option arguments in order.</summary>
internal sealed class DaxctlArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>A boolean option's value (false when absent or negated with <c>--no-NAME</c>).</summary>
    public bool Flag(string longName) => _values.TryGetValue(longName, out var v) && v is not null;

    /// <summary>A string option's value, or null when absent (or unset with <c>--no-NAME</c>).</summary>
    public string? Value(string longName) => _values.GetValueOrDefault(longName);

    public void Set(string longName, string? value) => _values[longName] = value;
}
