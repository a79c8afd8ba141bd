using HotplugCluster.Hocon;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>
/// Restates configuration errors raised inside a section (a class, a timeline entry) with the section's full path,
/// and moves errors in a sweep value (parsed from generated text) to where the value was written in the fleet file.
/// </summary>
internal static class ConfigErrors
{
    private const string SweepSource = "<sweep ";

    /// <summary>The source name of the generated text that assigns value <paramref name="value"/> of axis <paramref name="axis"/>.</summary>
    public static string SweepSourceName(int axis, int value) => $"{SweepSource}{axis} {value}>";

    /// <summary>Runs <paramref name="read"/>; an error it raises is reworded as <c>FILE:LINE:COL: prefix path: message</c>.</summary>
    public static T Within<T>(string prefix, IReadOnlyList<SweepAxis> sweep, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (HoconException e) when (e.Origin is not null)
        {
            throw Reword(prefix, sweep, e);
        }
    }

    /// <summary>Runs <paramref name="read"/> for its errors alone (a check that throws).</summary>
    public static void Within(string prefix, IReadOnlyList<SweepAxis> sweep, Action read) =>
        Within(prefix, sweep, () =>
        {
            read();
            return true;
        });

    /// <summary><paramref name="e"/> as <c>FILE:LINE:COL: prefix path: message</c>, moved to the sweep value when it came from one.</summary>
    public static HoconException Reword(string prefix, IReadOnlyList<SweepAxis> sweep, HoconException e)
    {
        if (e.Origin is not { } origin)
        {
            return e;
        }

        var rest = e.Message.StartsWith(origin.ToString() + ": ", StringComparison.Ordinal) ? e.Message[(origin.ToString().Length + 2)..] : e.Message;
        var at = MapSweep(origin, sweep);
        return new HoconException(at, at == origin ? prefix + rest : $"sweep value: {prefix}{rest}");
    }

    private static ConfigOrigin MapSweep(ConfigOrigin origin, IReadOnlyList<SweepAxis> sweep)
    {
        if (!origin.Source.StartsWith(SweepSource, StringComparison.Ordinal))
        {
            return origin;
        }

        var parts = origin.Source[SweepSource.Length..^1].Split(' ');
        var axis = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var value = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return sweep[axis].Origins[value];
    }
}
