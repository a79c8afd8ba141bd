using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Parsing;

/// <summary>Recursive-descent HOCON parser producing an unresolved object tree with an origin on every value.</summary>
internal sealed partial class Parser
{
    private const int MaxDepth = 256;
    private readonly List<Token> _tokens;
    private readonly ParseContext _context;
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens, ParseContext context)
    {
        _tokens = tokens;
        _context = context;
        _depth = context.Depth;
    }

    /// <summary>Parses a whole document, which must be an object (with or without its braces).</summary>
    public static ConfigObject ParseDocument(string text, ParseContext context)
    {
        var parser = new Parser(Tokenizer.Tokenize(text, context.Source), context);
        return parser.ParseRoot();
    }

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Next();
        }
    }

    private ConfigObject ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw new HoconException(first.Origin, "expected an object at the root of the document, found an array");
        }

        if (first.Kind != TokenKind.OpenBrace)
        {
            return ParseObject(braced: false, _context.Prefix, new ConfigOrigin(_context.Source, 1, 1));
        }

        var root = ParseObject(braced: true, _context.Prefix, first.Origin);
        SkipWhitespaceAndNewlines();
        if (Peek().Kind != TokenKind.End)
        {
            throw new HoconException(Peek().Origin, $"expected the end of the document after the root object, found {Peek().Describe()}");
        }

        return root;
    }

    private void Enter(ConfigOrigin at)
    {
        if (++_depth > MaxDepth)
        {
            throw new HoconException(at, $"expected at most {MaxDepth} levels of nested objects and arrays");
        }
    }

    /// <summary>Parses object fields; <paramref name="path"/> is the object's absolute path, or null inside arrays.</summary>
    private ConfigObject ParseObject(bool braced, HoconPath? path, ConfigOrigin origin)
    {
        Enter(origin);
        if (braced)
        {
            Next();
        }

        var result = new ConfigObject(origin);
        var needSeparator = false;
        while (true)
        {
            SkipWhitespace();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Newline:
                    Next();
                    needSeparator = false;
                    break;
                case TokenKind.Comma:
                    if (!needSeparator)
                    {
                        throw new HoconException(token.Origin, "expected a field before ',' (leading or doubled commas are not allowed)");
                    }

                    Next();
                    needSeparator = false;
                    break;
                case TokenKind.CloseBrace:
                    if (!braced)
                    {
                        throw new HoconException(token.Origin, "unbalanced '}': the document did not open a '{' for it");
                    }

                    Next();
                    _depth--;
                    return result;
                case TokenKind.CloseBracket when braced:
                    throw new HoconException(token.Origin, $"expected '}}' to close the object opened at {origin}, found ']'");
                case TokenKind.End:
                    if (braced)
                    {
                        throw new HoconException(token.Origin, $"expected '}}' to close the object opened at {origin}, found the end of input");
                    }

                    _depth--;
                    return result;
                default:
                    if (needSeparator)
                    {
                        throw new HoconException(token.Origin, $"expected ',' or a newline after a field, found {token.Describe()}");
                    }

                    if (token.Kind == TokenKind.Unquoted && token.Text == "include")
                    {
                        ParseInclude(result, path);
                    }
                    else
                    {
                        ParseField(result, path);
                    }

                    needSeparator = true;
                    break;
            }
        }
    }

    private static bool IsKeyToken(Token token) => token.Kind is TokenKind.Unquoted or TokenKind.QuotedString
        or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null;

    private void ParseField(ConfigObject target, HoconPath? path)
    {
        var start = Peek();
        var keyTokens = new List<Token>();
        while (IsKeyToken(Peek()) || (Peek().Kind == TokenKind.Whitespace && IsKeyToken(Peek(1))))
        {
            keyTokens.Add(Next());
        }

        if (keyTokens.Count == 0)
        {
            throw new HoconException(start.Origin, $"expected a key, found {start.Describe()}");
        }

        var key = PathParser.FromTokens(keyTokens, start.Origin);
        if (_depth + key.Count > MaxDepth)
        {
            // Dotted keys nest objects too; the bound keeps merging and resolution from overflowing the stack.
            throw new HoconException(start.Origin, $"expected at most {MaxDepth} levels of nested objects and arrays (counting path elements of keys)");
        }

        SkipWhitespaceAndNewlines();
        var separator = Peek();
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                break;
            case TokenKind.OpenBrace:
                break;
            default:
                throw new HoconException(separator.Origin, $"expected ':', '=', '+=' or '{{' after the key '{key}', found {separator.Describe()}");
        }

        var fieldPath = path?.Concat(key);
        var value = ParseValue(fieldPath);
        if (separator.Kind == TokenKind.PlusEquals)
        {
            if (fieldPath is null)
            {
                throw new HoconException(separator.Origin, "'+=' is not supported inside an object that is an array element (it has no path to append to)");
            }

            var previous = new Substitution(separator.Origin, fieldPath, optional: true, [fieldPath]);
            value = new Concatenation(separator.Origin, [previous, new ConfigList(value.Origin, [value])]);
        }

        for (var i = key.Count - 1; i > 0; i--)
        {
            var wrapper = new ConfigObject(start.Origin);
            wrapper.Fields[key[i]] = value;
            value = wrapper;
        }

        Merger.MergeField(target, key[0], value);
    }

    /// <summary>Parses a value and any values concatenated with it on the same line.</summary>
    private ConfigValue ParseValue(HoconPath? path)
    {
        var parts = new List<ConfigValue>();
        while (true)
        {
            var token = Peek();
            if (token.IsValueStart)
            {
                parts.Add(ParseSingleValue(path));
            }
            else if (token.Kind == TokenKind.Whitespace && parts.Count > 0 && Peek(1).IsValueStart)
            {
                Next();
                parts.Add(new ConfigString(token.Origin, token.Text, isWhitespace: true));
            }
            else
            {
                break;
            }
        }

        if (parts.Count == 0)
        {
            throw new HoconException(Peek().Origin, $"expected a value, found {Peek().Describe()}");
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        return parts.Any(p => p is Substitution)
            ? new Concatenation(parts[0].Origin, parts)
            : ConcatenationRules.Combine(parts[0].Origin, parts)!;
    }

    private ConfigValue ParseSingleValue(HoconPath? path)
    {
        var token = Peek();
        switch (token.Kind)
        {
            case TokenKind.OpenBrace:
                return ParseObject(braced: true, path, token.Origin);
            case TokenKind.OpenBracket:
                return ParseArray();
            case TokenKind.Substitution:
                Next();
                var target = PathParser.FromTokens(token.Inner!, token.Origin);
                IReadOnlyList<HoconPath> candidates = _context.Prefix.Count > 0 ? [_context.Prefix.Concat(target), target] : [target];
                return new Substitution(token.Origin, target, token.Optional, candidates);
            case TokenKind.Number:
                Next();
                return new ConfigNumber(token.Origin, token.Text);
            case TokenKind.True or TokenKind.False:
                Next();
                return new ConfigBoolean(token.Origin, token.Kind == TokenKind.True);
            case TokenKind.Null:
                Next();
                return new ConfigNull(token.Origin);
            default:
                Next();
                return new ConfigString(token.Origin, token.Text);
        }
    }

    private ConfigList ParseArray()
    {
        var open = Next();
        Enter(open.Origin);
        var items = new List<ConfigValue>();
        var needSeparator = false;
        while (true)
        {
            SkipWhitespace();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Newline:
                    Next();
                    needSeparator = false;
                    break;
                case TokenKind.Comma:
                    if (!needSeparator)
                    {
                        throw new HoconException(token.Origin, "expected an array element before ',' (leading or doubled commas are not allowed)");
                    }

                    Next();
                    needSeparator = false;
                    break;
                case TokenKind.CloseBracket:
                    Next();
                    _depth--;
                    return new ConfigList(open.Origin, items);
                case TokenKind.End or TokenKind.CloseBrace:
                    throw new HoconException(token.Origin, $"expected ']' to close the array opened at {open.Origin}, found {token.Describe()}");
                default:
                    if (needSeparator)
                    {
                        throw new HoconException(token.Origin, $"expected ',' or a newline after an array element, found {token.Describe()}");
                    }

                    items.Add(ParseValue(path: null));
                    needSeparator = true;
                    break;
            }
        }
    }
}
