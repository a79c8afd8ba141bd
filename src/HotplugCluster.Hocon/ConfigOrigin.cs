namespace HotplugCluster.Hocon;

/// <summary>Where a value was written: a file (or other source such as <c>--set</c> or an environment variable), a line and a column, both 1-based.</summary>
public readonly record struct ConfigOrigin(string Source, int Line, int Column)
{
    /// <summary>Renders the origin as <c>SOURCE:LINE:COLUMN</c>, the prefix of every configuration error.</summary>
    public override string ToString() => $"{Source}:{Line}:{Column}";
}
