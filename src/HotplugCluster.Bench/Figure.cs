using System.Text.Json;

namespace HotplugCluster.Bench;

/// <summary>One benchmark figure over several timed runs: the median is the figure, min and max show its spread.</summary>
public sealed record Figure(double Median, double Min, double Max, int Runs)
{
    /// <summary>The figure of <paramref name="runs"/> (at least one); the median of an even count is the mean of the middle two.</summary>
    public static Figure Of(IReadOnlyCollection<double> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var sorted = runs.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Figure(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>Adds <c>key</c> (the median), <c>key_min</c> and <c>key_max</c>, each rounded to <paramref name="decimals"/>.</summary>
    public void AddTo(IDictionary<string, double> figures, string key, int decimals = 0)
    {
        figures[key] = Math.Round(Median, decimals);
        figures[$"{key}_min"] = Math.Round(Min, decimals);
        figures[$"{key}_max"] = Math.Round(Max, decimals);
    }

    /// <summary>Writes <c>key</c> (the median), <c>key_min</c> and <c>key_max</c>, each rounded to <paramref name="decimals"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer, string key, int decimals)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber(key, Math.Round(Median, decimals));
        writer.WriteNumber($"{key}_min", Math.Round(Min, decimals));
        writer.WriteNumber($"{key}_max", Math.Round(Max, decimals));
    }
}
