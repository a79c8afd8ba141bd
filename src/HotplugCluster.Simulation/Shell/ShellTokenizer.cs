using System.Text;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// Splits a command line into words as sh does for the subset the shell understands: blanks separate words,
/// '…' and "…" quote, a backslash escapes the next character, an unquoted word starting with # begins a
/// comment, and an unquoted &gt; is a word of its own (<c>echo 1 &gt;/path</c> works too).
/// </summary>
internal static class ShellTokenizer
{
    /// <summary>The words of <paramref name="line"/>; a quoted &gt; is returned as <c>"\0&gt;"</c> so it is not a redirection.</summary>
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                Flush();
                continue;
            }

            if (c == '#' && !inWord)
            {
                break;
            }

            if (c == '>')
            {
                Flush();
                words.Add(">");
                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException("unterminated quote '");
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i = DoubleQuoted(line, i, word);
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (inWord)
            {
                var text = word.ToString();
                words.Add(text == ">" ? "\0>" : text);
                word.Clear();
                inWord = false;
            }
        }
    }

    private static int DoubleQuoted(string line, int open, StringBuilder word)
    {
        for (var i = open + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
            {
                c = line[++i];
            }

            word.Append(c);
        }

        throw new FormatException("unterminated quote \"");
    }
}
