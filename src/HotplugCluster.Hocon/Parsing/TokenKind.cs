namespace HotplugCluster.Hocon.Parsing;

/// <summary>The kinds of HOCON tokens.</summary>
internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    Unquoted,
    Number,
    True,
    False,
    Null,
    Substitution,
}
