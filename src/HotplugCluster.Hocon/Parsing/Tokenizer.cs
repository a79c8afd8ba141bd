using System.Globalization;
using System.Text;

namespace HotplugCluster.Hocon.Parsing;

/// <summary>Splits HOCON text into tokens, dropping comments but keeping whitespace and newlines (concatenation needs them).</summary>
internal sealed class Tokenizer
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";
    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public Tokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static List<Token> Tokenize(string text, string source) => new Tokenizer(text, source).ReadAll();

    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or '\u001C' or '\u001D' or '\u001E' or '\u001F' or '\uFEFF' => true,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator,
    };

    private ConfigOrigin Here => new(_source, _line, _column);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private List<Token> ReadAll()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next(insideSubstitution: false);
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private char Advance()
    {
        var c = _text[_pos++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }

    private static HoconException Error(ConfigOrigin at, string message) => new(at, message);

    private bool AtCommentStart => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    private Token Next(bool insideSubstitution)
    {
        if (AtCommentStart)
        {
            while (!AtEnd && Peek() != '\n')
            {
                Advance();
            }
        }

        var start = Here;
        if (AtEnd)
        {
            return new Token(TokenKind.End, "", start);
        }

        var c = Peek();
        if (c == '\n')
        {
            Advance();
            return new Token(TokenKind.Newline, "\n", start);
        }

        if (IsWhitespace(c))
        {
            var sb = new StringBuilder();
            while (!AtEnd && Peek() != '\n' && IsWhitespace(Peek()))
            {
                sb.Append(Advance());
            }

            return new Token(TokenKind.Whitespace, sb.ToString(), start);
        }

        switch (c)
        {
            case ',': Advance(); return new Token(TokenKind.Comma, ",", start);
            case ':': Advance(); return new Token(TokenKind.Colon, ":", start);
            case '=': Advance(); return new Token(TokenKind.Equals, "=", start);
            case '{': Advance(); return new Token(TokenKind.OpenBrace, "{", start);
            case '}': Advance(); return new Token(TokenKind.CloseBrace, "}", start);
            case '[': Advance(); return new Token(TokenKind.OpenBracket, "[", start);
            case ']': Advance(); return new Token(TokenKind.CloseBracket, "]", start);
            case '"': return ReadQuoted(start);
            case '+':
                if (Peek(1) == '=')
                {
                    Advance();
                    Advance();
                    return new Token(TokenKind.PlusEquals, "+=", start);
                }

                throw Error(start, "expected '+=' ('+' alone is reserved and cannot appear unquoted)");
            case '$':
                if (insideSubstitution)
                {
                    throw Error(start, "expected '}' to close the substitution (substitutions cannot be nested)");
                }

                return ReadSubstitution(start);
            default:
                break;
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(start);
        }

        if (Forbidden.Contains(c, StringComparison.Ordinal))
        {
            throw Error(start, $"unexpected character '{c}' (it is reserved; quote it to use it in a string)");
        }

        return ReadUnquoted(start);
    }

    private Token ReadUnquoted(ConfigOrigin start)
    {
        foreach (var (word, kind) in new[] { ("true", TokenKind.True), ("false", TokenKind.False), ("null", TokenKind.Null) })
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                for (var i = 0; i < word.Length; i++)
                {
                    Advance();
                }

                return new Token(kind, word, start);
            }
        }

        var sb = new StringBuilder();
        while (!AtEnd)
        {
            var c = Peek();
            if (IsWhitespace(c) || Forbidden.Contains(c, StringComparison.Ordinal) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            sb.Append(Advance());
        }

        return new Token(TokenKind.Unquoted, sb.ToString(), start);
    }

    private Token ReadNumber(ConfigOrigin start)
    {
        var begin = _pos;
        if (Peek() == '-')
        {
            Advance();
            if (!char.IsAsciiDigit(Peek()))
            {
                throw Error(start, "expected a digit after '-' (an unquoted string cannot begin with '-'; quote it)");
            }
        }

        if (Peek() == '0')
        {
            Advance();
        }
        else
        {
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if ((Peek() == 'e' || Peek() == 'E')
            && (char.IsAsciiDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && char.IsAsciiDigit(Peek(2)))))
        {
            Advance();
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        return new Token(TokenKind.Number, _text[begin.._pos], start);
    }

    private Token ReadQuoted(ConfigOrigin start)
    {
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            return ReadTripleQuoted(start);
        }

        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "expected a closing '\"' before the end of input");
            }

            var at = Here;
            var c = Advance();
            if (c == '"')
            {
                return new Token(TokenKind.QuotedString, sb.ToString(), start);
            }

            if (c == '\n')
            {
                throw Error(at, "expected a closing '\"' before the end of the line (use \"\"\" for multi-line strings)");
            }

            if (c < 0x20)
            {
                throw Error(at, $"control character U+{(int)c:X4} is not allowed in a quoted string; use an escape");
            }

            if (c == '\\')
            {
                sb.Append(ReadEscape(at));
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private string ReadEscape(ConfigOrigin at)
    {
        if (AtEnd)
        {
            throw Error(at, "expected an escape character after '\\'");
        }

        var e = Advance();
        switch (e)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                var hex = new StringBuilder();
                for (var i = 0; i < 4; i++)
                {
                    if (AtEnd || !char.IsAsciiHexDigit(Peek()))
                    {
                        throw Error(at, "expected four hex digits after '\\u'");
                    }

                    hex.Append(Advance());
                }

                return ((char)int.Parse(hex.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
            default:
                throw Error(at, $"expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found '\\{e}'");
        }
    }

    private Token ReadTripleQuoted(ConfigOrigin start)
    {
        Advance();
        Advance();
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(start, "expected a closing \"\"\" before the end of input");
            }

            if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Any run of three or more quotes ends the string; the extra quotes belong to it (as in Scala).
                var run = 0;
                while (Peek(run) == '"')
                {
                    run++;
                }

                for (var i = 0; i < run; i++)
                {
                    Advance();
                }

                sb.Append('"', run - 3);
                return new Token(TokenKind.QuotedString, sb.ToString(), start);
            }

            sb.Append(Advance());
        }
    }

    private Token ReadSubstitution(ConfigOrigin start)
    {
        Advance();
        if (Peek() != '{')
        {
            throw Error(start, "expected '{' after '$' (substitutions are written ${path})");
        }

        Advance();
        var optional = false;
        if (Peek() == '?')
        {
            Advance();
            optional = true;
        }

        var inner = new List<Token>();
        while (true)
        {
            var token = Next(insideSubstitution: true);
            switch (token.Kind)
            {
                case TokenKind.CloseBrace:
                    return new Token(TokenKind.Substitution, "${", start, inner, optional);
                case TokenKind.End:
                case TokenKind.Newline:
                    throw Error(token.Origin, $"expected '}}' to close the substitution, found {token.Describe()}");
                default:
                    inner.Add(token);
                    break;
            }
        }
    }
}
