using System.Globalization;
using System.Text;

namespace HotplugCluster.Cli.Terminal;

/// <summary>
/// A line editor for a terminal, with the keys readline users expect: Left/Right (and Home/End, Ctrl+A/Ctrl+E) move
/// the cursor, Backspace/Delete edit, Up/Down walk the history of the lines entered so far (the line being typed is kept
/// and comes back below the newest entry), Enter submits, Ctrl+D on an empty line is end of input. After each key the
/// line is redrawn with ANSI sequences: carriage return, prompt, text, erase to end of line, cursor back.
/// </summary>
internal sealed class LineEditor(IKeySource keys, TextWriter terminal) : ILineSource
{
    private readonly List<string> _history = [];

    /// <summary>The lines entered, oldest first: blank lines and a repeat of the newest entry are not kept.</summary>
    public IReadOnlyList<string> History => _history;

    public string? ReadLine(string prompt)
    {
        var line = new StringBuilder();
        var cursor = 0;
        var recalled = _history.Count;
        var draft = string.Empty;
        terminal.Write(prompt);
        while (true)
        {
            var key = keys.ReadKey();
            var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    terminal.WriteLine();
                    return Enter(line.ToString());
                case ConsoleKey.D when control && line.Length == 0:
                    return null;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    cursor = line.Length;
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                case ConsoleKey.D when control && cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.UpArrow when recalled > 0:
                    if (recalled == _history.Count)
                    {
                        draft = line.ToString();
                    }

                    cursor = Replace(line, _history[--recalled]);
                    break;
                case ConsoleKey.DownArrow when recalled < _history.Count:
                    recalled++;
                    cursor = Replace(line, recalled == _history.Count ? draft : _history[recalled]);
                    break;
                default:
                    if (!control && !char.IsControl(key.KeyChar) && key.KeyChar != '\0')
                    {
                        line.Insert(cursor++, key.KeyChar);
                    }

                    break;
            }

            Redraw(prompt, line, cursor);
        }
    }

    private string Enter(string line)
    {
        if (line.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            _history.Add(line);
        }

        return line;
    }

    private static int Replace(StringBuilder line, string text)
    {
        line.Clear().Append(text);
        return text.Length;
    }

    private void Redraw(string prompt, StringBuilder line, int cursor)
    {
        terminal.Write('\r');
        terminal.Write(prompt);
        terminal.Write(line.ToString());
        terminal.Write("\u001b[K");
        if (cursor < line.Length)
        {
            terminal.Write(string.Create(CultureInfo.InvariantCulture, $"\u001b[{line.Length - cursor}D"));
        }
    }
}
