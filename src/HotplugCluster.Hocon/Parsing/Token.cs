namespace HotplugCluster.Hocon.Parsing;

/// <summary>
/// One token. <see cref="Text"/> is the decoded string for quoted strings, the original text otherwise; a substitution
/// carries the tokens of its path expression in <see cref="Inner"/>.
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, ConfigOrigin Origin, IReadOnlyList<Token>? Inner = null, bool Optional = false)
{
    public bool IsSimpleValue => Kind is TokenKind.QuotedString or TokenKind.Unquoted or TokenKind.Number
        or TokenKind.True or TokenKind.False or TokenKind.Null or TokenKind.Substitution;

    public bool IsValueStart => IsSimpleValue || Kind is TokenKind.OpenBrace or TokenKind.OpenBracket;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.QuotedString => $"string \"{Text}\"",
        TokenKind.Substitution => "substitution",
        TokenKind.Whitespace => "whitespace",
        _ => $"'{Text}'",
    };
}
