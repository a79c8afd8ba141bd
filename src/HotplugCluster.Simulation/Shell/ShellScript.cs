namespace HotplugCluster.Simulation.Shell;

/// <summary>A parsed script: its comments (kept to echo them) and commands, each with its line number.</summary>
public static class ShellScript
{
    /// <summary>One non-blank line: a comment (<see cref="Command"/> null) or a command.</summary>
    public sealed record Line(int Number, string Text, ShellCommand? Command);

    /// <summary>Parses every line; the first bad one throws <see cref="ShellSyntaxException"/> naming <paramref name="source"/>:LINE.</summary>
    public static IReadOnlyList<Line> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Line>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            ShellCommand? command;
            try
            {
                command = ShellParser.Parse(raw);
            }
            catch (FormatException e)
            {
                throw new ShellSyntaxException(source, i + 1, e.Message);
            }

            result.Add(new Line(i + 1, raw.Trim(), command));
        }

        return result;
    }
}
