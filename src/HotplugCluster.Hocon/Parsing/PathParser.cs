using System.Text;

namespace HotplugCluster.Hocon.Parsing;

/// <summary>Turns the tokens of a key or a substitution into a path: dots outside quoted strings separate elements.</summary>
internal static class PathParser
{
    /// <summary>Parses a path expression given as text (the getters' argument).</summary>
    public static HoconPath ParseExpression(string text)
    {
        var tokens = Tokenizer.Tokenize(text, "path expression");
        tokens.RemoveAt(tokens.Count - 1);
        return FromTokens(tokens, new ConfigOrigin("path expression", 1, 1));
    }

    /// <summary>Builds a path from key tokens; <paramref name="at"/> is used when there are none.</summary>
    public static HoconPath FromTokens(IReadOnlyList<Token> tokens, ConfigOrigin at)
    {
        var first = 0;
        var last = tokens.Count - 1;
        while (first <= last && tokens[first].Kind == TokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && tokens[last].Kind == TokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconException(at, "expected a path expression (a key), found nothing");
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = first; i <= last; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.QuotedString:
                    current.Append(token.Text);
                    hasContent = true;
                    break;
                case TokenKind.Unquoted or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null
                    or TokenKind.Whitespace:
                    for (var offset = 0; offset < token.Text.Length; offset++)
                    {
                        var c = token.Text[offset];
                        if (c == '.')
                        {
                            if (!hasContent)
                            {
                                throw new HoconException(token.Origin with { Column = token.Origin.Column + offset }, "expected a path element before '.' (an empty element must be quoted as \"\")");
                            }

                            elements.Add(current.ToString());
                            current.Clear();
                            hasContent = false;
                        }
                        else
                        {
                            current.Append(c);
                            hasContent = true;
                        }
                    }

                    break;
                default:
                    throw new HoconException(token.Origin, $"expected a path expression, found {token.Describe()} (substitutions, objects and arrays cannot be part of a path)");
            }
        }

        if (!hasContent)
        {
            var end = tokens[last].Origin;
            throw new HoconException(end with { Column = end.Column + tokens[last].Text.Length - 1 }, "expected a path element after '.' (a path cannot end with '.')");
        }

        elements.Add(current.ToString());
        return new HoconPath(elements);
    }
}
