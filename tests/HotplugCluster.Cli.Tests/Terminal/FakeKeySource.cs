using HotplugCluster.Cli.Terminal;

namespace HotplugCluster.Cli.Tests.Terminal;

/// <summary>Keys typed by a test: text as characters, and named keys (arrows, Enter, Ctrl+D).</summary>
internal sealed class FakeKeySource : IKeySource
{
    private readonly Queue<ConsoleKeyInfo> _keys = new();

    public static ConsoleKeyInfo Up => Key(ConsoleKey.UpArrow);

    public static ConsoleKeyInfo Down => Key(ConsoleKey.DownArrow);

    public static ConsoleKeyInfo Left => Key(ConsoleKey.LeftArrow);

    public static ConsoleKeyInfo Right => Key(ConsoleKey.RightArrow);

    public static ConsoleKeyInfo Enter => new('\r', ConsoleKey.Enter, false, false, false);

    public static ConsoleKeyInfo Backspace => new('\b', ConsoleKey.Backspace, false, false, false);

    public static ConsoleKeyInfo Delete => Key(ConsoleKey.Delete);

    public static ConsoleKeyInfo Home => Key(ConsoleKey.Home);

    public static ConsoleKeyInfo CtrlD => new('\u0004', ConsoleKey.D, false, false, true);

    /// <summary>Keys typed and not read yet.</summary>
    public int Remaining => _keys.Count;

    public FakeKeySource Type(string text)
    {
        foreach (var c in text)
        {
            // As a terminal reports them: a letter's key is its upper case (ConsoleKey.D for 'd'), a digit's D0..D9.
            var key = char.IsAsciiLetter(c) ? (ConsoleKey)char.ToUpperInvariant(c)
                : char.IsAsciiDigit(c) ? (ConsoleKey)c
                : c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.NoName;
            _keys.Enqueue(new ConsoleKeyInfo(c, key, char.IsUpper(c), false, false));
        }

        return this;
    }

    public FakeKeySource Press(params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys)
        {
            _keys.Enqueue(key);
        }

        return this;
    }

    public ConsoleKeyInfo ReadKey() =>
        _keys.TryDequeue(out var key) ? key : throw new InvalidOperationException("the test typed no more keys");

    private static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, false, false, false);
}
