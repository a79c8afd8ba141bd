using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Parsing;

/// <summary>Include statements: <c>include "f"</c>, <c>include file("f")</c>, <c>include required(...)</c>.</summary>
internal sealed partial class Parser
{
    private readonly Queue<Lexeme> _includeLexemes = new();

    private void ParseInclude(ConfigObject target, HoconPath? path)
    {
        var include = Next();
        SkipWhitespaceAndNewlines();
        var request = ParseIncludeArgument(include.Origin, allowRequired: true);
        if (_includeLexemes.Count > 0)
        {
            var extra = _includeLexemes.Dequeue();
            _includeLexemes.Clear();
            throw new HoconException(extra.Origin, $"expected the end of the include statement, found '{extra.Text}'");
        }

        var included = IncludeLoader.Load(request, _context with { Depth = _depth }, path ?? HoconPath.Empty);
        if (included is null)
        {
            return;
        }

        foreach (var (key, value) in included.Fields)
        {
            Merger.MergeField(target, key, value);
        }
    }

    private IncludeRequest ParseIncludeArgument(ConfigOrigin at, bool allowRequired)
    {
        var first = NextLexeme(at);
        if (first.Quoted)
        {
            return new IncludeRequest(IncludeKind.Heuristic, first.Text, Required: false, first.Origin);
        }

        switch (first.Text)
        {
            case "required" when allowRequired:
                ExpectLexeme("(", first.Origin);
                var inner = ParseIncludeArgument(first.Origin, allowRequired: false);
                ExpectLexeme(")", first.Origin);
                return inner with { Required = true };
            case "file" or "url" or "classpath":
                ExpectLexeme("(", first.Origin);
                var name = NextLexeme(first.Origin);
                if (!name.Quoted)
                {
                    throw new HoconException(name.Origin, $"expected a quoted string inside {first.Text}(...), found '{name.Text}'");
                }

                ExpectLexeme(")", first.Origin);
                var kind = first.Text switch { "file" => IncludeKind.File, "url" => IncludeKind.Url, _ => IncludeKind.Classpath };
                return new IncludeRequest(kind, name.Text, Required: false, name.Origin);
            default:
                throw new HoconException(first.Origin, $"expected a quoted string, file(\"...\"), url(\"...\"), classpath(\"...\") or required(...) after include, found '{first.Text}'");
        }
    }

    private void ExpectLexeme(string expected, ConfigOrigin at)
    {
        var lexeme = NextLexeme(at);
        if (lexeme.Quoted || lexeme.Text != expected)
        {
            throw new HoconException(lexeme.Origin, $"expected '{expected}' in the include statement, found '{lexeme.Text}'");
        }
    }

    /// <summary>Returns the next word, parenthesis or quoted string of an include statement; unquoted tokens such as <c>required(file(</c> are split.</summary>
    private Lexeme NextLexeme(ConfigOrigin at)
    {
        if (_includeLexemes.Count > 0)
        {
            return _includeLexemes.Dequeue();
        }

        SkipWhitespaceAndNewlines();
        var token = Peek();
        if (token.Kind == TokenKind.QuotedString)
        {
            Next();
            return new Lexeme(token.Text, token.Origin, Quoted: true);
        }

        if (token.Kind != TokenKind.Unquoted)
        {
            throw new HoconException(token.Origin, $"expected a quoted file name or file(\"...\") in the include statement, found {token.Describe()}");
        }

        Next();
        var start = 0;
        for (var i = 0; i <= token.Text.Length; i++)
        {
            if (i == token.Text.Length || token.Text[i] is '(' or ')')
            {
                if (i > start)
                {
                    _includeLexemes.Enqueue(new Lexeme(token.Text[start..i], Shift(token.Origin, start), Quoted: false));
                }

                if (i < token.Text.Length)
                {
                    _includeLexemes.Enqueue(new Lexeme(token.Text[i].ToString(), Shift(token.Origin, i), Quoted: false));
                }

                start = i + 1;
            }
        }

        return _includeLexemes.Dequeue();
    }

    private static ConfigOrigin Shift(ConfigOrigin origin, int columns) => origin with { Column = origin.Column + columns };

    private sealed record Lexeme(string Text, ConfigOrigin Origin, bool Quoted);
}
