using System.Globalization;

namespace HotplugCluster.Simulation.Shell;

/// <summary>A small getopt for the shell's verbs: <c>--name VALUE</c>, <c>--name=VALUE</c>, flags, and positional words.</summary>
internal sealed class Options
{
    private readonly List<string> _words;
    private readonly string _verb;

    public Options(List<string> words, int skip)
    {
        _verb = string.Join(' ', words.Take(skip));
        _words = [.. words.Skip(skip).SelectMany(w => w.StartsWith("--", StringComparison.Ordinal) && w.Contains('=', StringComparison.Ordinal)
            ? new[] { w[..w.IndexOf('=', StringComparison.Ordinal)], w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..] }
            : [w])];
    }

    /// <summary>Removes and returns the value after the first of <paramref name="names"/> present, or null when absent.</summary>
    public string? Value(params string[] names)
    {
        var i = _words.FindIndex(names.Contains);
        if (i < 0)
        {
            return null;
        }

        if (i + 1 >= _words.Count)
        {
            throw new FormatException($"{_verb}: {_words[i]} needs a value");
        }

        var value = _words[i + 1];
        _words.RemoveRange(i, 2);
        return value;
    }

    /// <summary>Removes every occurrence of the flag; true when it was there.</summary>
    public bool Flag(params string[] names) => _words.RemoveAll(names.Contains) > 0;

    public int? Int(string name)
    {
        var text = Value(name);
        return text is null ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FormatException($"{_verb}: {name} expects a number >= 0, found '{text}'");
    }

    public long? Long(string name)
    {
        var text = Value(name);
        return text is null ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FormatException($"{_verb}: {name} expects a number >= 0, found '{text}'");
    }

    /// <summary>The one positional word left, after every option was taken.</summary>
    public string Single(string what)
    {
        Unknown();
        return _words.Count == 1 ? _words[0] : throw new FormatException($"{_verb}: expected one {what}, found {(_words.Count == 0 ? "none" : string.Join(" ", _words))}");
    }

    /// <summary>Fails when words are left over.</summary>
    public void NoPositional()
    {
        Unknown();
        if (_words.Count > 0)
        {
            throw new FormatException($"{_verb}: unexpected '{string.Join(" ", _words)}'");
        }
    }

    private void Unknown()
    {
        var bad = _words.FirstOrDefault(w => w.StartsWith('-') && w.Length > 1);
        if (bad is not null)
        {
            throw new FormatException($"{_verb}: unknown option '{bad}'");
        }
    }
}
