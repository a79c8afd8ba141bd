namespace HotplugCluster.Cli.Configuration;

/// <summary>The nearest known name to a mistyped one, by Levenshtein distance (insertions, deletions, substitutions).</summary>
internal static class EditDistance
{
    /// <summary>
    /// The name in <paramref name="known"/> closest to <paramref name="typed"/>, or null when even the closest differs in more
    /// than a third of its letters (at least 2): a suggestion that far off would mislead more than it helps.
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var d = Distance(typed, name);
            if (d < bestDistance)
            {
                (best, bestDistance) = (name, d);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    /// <summary>The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/>, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
