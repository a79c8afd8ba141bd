using HotplugCluster.Hocon;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>
/// A final expectation of a stress scenario: once every lane has returned, reading <see cref="Path"/> gives one of
/// <see cref="OneOf"/> (trailing newline ignored), or contains one of them when <see cref="Contains"/>. The path
/// <see cref="DmesgPath"/> reads the kernel log as <c>dmesg</c> prints it.
/// </summary>
public sealed record Expectation(string Path, IReadOnlyList<string> OneOf, bool Contains, ConfigOrigin Origin)
{
    /// <summary>The invariant name an unmet expectation is reported under.</summary>
    public const string InvariantName = "expect";

    /// <summary>The pseudo path of the kernel log (what the <c>dmesg</c> command prints).</summary>
    public const string DmesgPath = "dmesg";

    /// <summary>Why <paramref name="content"/> (or the read's <paramref name="error"/>) does not meet it, or null when it does.</summary>
    public string? Check(string? content, string? error)
    {
        if (content is null)
        {
            return $"{Path}: read failed ({error}); expected {Describe()}";
        }

        var value = content.TrimEnd('\n');
        var met = Contains
            ? OneOf.Any(v => value.Contains(v, StringComparison.Ordinal))
            : OneOf.Any(v => string.Equals(v, value, StringComparison.Ordinal));
        return met ? null : $"{Path} reads \"{Abbreviate(value)}\"; expected {Describe()}";
    }

    private string Describe() => (Contains ? "it to contain " : "") + string.Join(" or ", OneOf.Select(v => $"\"{v}\""));

    private static string Abbreviate(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
