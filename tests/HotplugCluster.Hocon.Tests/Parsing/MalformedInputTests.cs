namespace HotplugCluster.Hocon.Tests.Parsing;

/// <summary>Bad input: every error is a <see cref="HoconException"/> whose message begins FILE:LINE:COLUMN: and says what was expected.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    // "Commas".
    [InlineData("a = [1,2,3,,]", "1:12", "expected an array element before ','")]
    [InlineData("a = [,1,2,3]", "1:6", "expected an array element before ','")]
    [InlineData("a = [1,,2,3]", "1:8", "expected an array element before ','")]
    [InlineData("a = 1,,b = 2", "1:7", "expected a field before ','")]
    [InlineData(", a = 1", "1:1", "expected a field before ','")]
    [InlineData("a = 1,\n,b = 2", "2:1", "expected a field before ','")]
    [InlineData("a = 1 b = 2", "1:9", "expected ',' or a newline after a field, found '='")]
    [InlineData("a = [1 2, 3] ]", "1:14", "expected ',' or a newline after a field, found ']'")]
    // "Omit root braces": braces must balance; one root value.
    [InlineData("a = 1 }", "1:7", "unbalanced '}'")]
    [InlineData("{ a = 1", "1:8", "expected '}' to close the object opened at test.conf:1:1")]
    [InlineData("a { b = 1\n", "2:1", "expected '}' to close the object opened at test.conf:1:3")]
    [InlineData("a = [1, 2", "1:10", "expected ']' to close the array opened at test.conf:1:5, found end of input")]
    [InlineData("a = [1, 2\n}", "2:1", "expected ']' to close the array opened at test.conf:1:5, found '}'")]
    [InlineData("a { b = 1 ]", "1:11", "expected '}' to close the object opened at test.conf:1:3, found ']'")]
    [InlineData("{ a = 1 } b = 2", "1:11", "expected the end of the document")]
    [InlineData("[1, 2]", "1:1", "expected an object at the root of the document, found an array")]
    // Keys and values.
    [InlineData("a", "1:2", "expected ':', '=', '+=' or '{' after the key 'a', found end of input")]
    [InlineData("a =", "1:4", "expected a value, found end of input")]
    [InlineData("a = }", "1:5", "expected a value, found '}'")]
    [InlineData("a = foo:bar", "1:8", "expected ',' or a newline after a field, found ':'")]
    [InlineData("= 1", "1:1", "expected a key, found '='")]
    [InlineData("a + 1", "1:3", "expected '+='")]
    [InlineData("a = -", "1:5", "expected a digit after '-'")]
    [InlineData("a = -x", "1:5", "expected a digit after '-'")]
    // Reserved characters outside quotes.
    [InlineData("a = @", "1:5", "unexpected character '@'")]
    [InlineData("a = ^x", "1:5", "unexpected character '^'")]
    [InlineData("a = x\\y", "1:6", "unexpected character '\\'")]
    [InlineData("a = `x`", "1:5", "unexpected character '`'")]
    [InlineData("a = x?", "1:6", "unexpected character '?'")]
    [InlineData("a* = 1", "1:2", "unexpected character '*'")]
    // Quoted strings.
    [InlineData("a = \"abc", "1:5", "expected a closing '\"' before the end of input")]
    [InlineData("a = \"abc\nb = 1", "1:9", "expected a closing '\"' before the end of the line")]
    [InlineData("a = \"ab\\qc\"", "1:8", "expected one of")]
    [InlineData("a = \"\\u12\"", "1:6", "expected four hex digits after '\\u'")]
    [InlineData("a = \"tab\there\"", "1:9", "control character U+0009 is not allowed")]
    [InlineData("a = \"\"\"abc", "1:5", "expected a closing \"\"\" before the end of input")]
    // Path expressions.
    [InlineData("a..b = 1", "1:3", "expected a path element before '.'")]
    [InlineData(".a = 1", "1:1", "expected a path element before '.'")]
    [InlineData("a. = 1", "1:2", "expected a path element after '.'")]
    [InlineData("\"a\" [1] = 2", "1:5", "expected ':', '=', '+=' or '{' after the key 'a', found '['")]
    // Substitutions.
    [InlineData("a = ${}", "1:5", "expected a path expression (a key), found nothing")]
    [InlineData("a = ${?}", "1:5", "expected a path expression (a key), found nothing")]
    [InlineData("a = ${b", "1:8", "expected '}' to close the substitution, found end of input")]
    [InlineData("a = ${b\n}", "1:8", "expected '}' to close the substitution, found newline")]
    [InlineData("a = ${b.}", "1:8", "expected a path element after '.'")]
    [InlineData("a = ${${b}}", "1:7", "substitutions cannot be nested")]
    [InlineData("a = ${b[0]}", "1:8", "expected a path expression, found '['")]
    [InlineData("a = $b", "1:5", "expected '{' after '$'")]
    [InlineData("a = ${ ? b}", "1:8", "unexpected character '?'")]
    // Includes.
    [InlineData("include foo", "1:9", "expected a quoted string, file(\"...\")")]
    [InlineData("include file(foo)", "1:14", "expected a quoted string inside file(...)")]
    [InlineData("include required(\"x\"", "1:21", "in the include statement, found end of input")]
    [InlineData("include url(\"http://example.com/a.conf\")", "1:13", "url and classpath includes are not supported")]
    [InlineData("include classpath(\"a.conf\")", "1:19", "url and classpath includes are not supported")]
    [InlineData("include file(\"a.conf\"))", "1:23", "expected the end of the include statement, found ')'")]
    [InlineData("include required(required(\"a\"))", "1:18", "expected a quoted string, file(\"...\")")]
    [InlineData("include required(file(\"nope.conf\"))", "1:23", "cannot locate required include 'nope.conf'")]
    [InlineData("include", "1:8", "expected a quoted file name")]
    // "+=" has no path inside array elements.
    [InlineData("a = [ { b += 1 } ]", "1:11", "'+=' is not supported inside an object that is an array element")]
    public void Parse_fails_with_position_and_expectation(string hocon, string lineColumn, string fragment)
    {
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseString(hocon, "test.conf"));
        Assert.StartsWith($"test.conf:{lineColumn}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Origin);
    }

    [Theory]
    [InlineData("a = ${b}", "1:5", "could not resolve substitution ${b}")]
    [InlineData("a = ${b}\nb = ${a}", "2:5", "substitution cycle")]
    [InlineData("a = { b = ${a} }", "1:11", "substitution cycle: ${a} at test.conf:1:11")]
    [InlineData("a = [1] { b = 2 }", "1:9", "cannot concatenate an array with an object")]
    [InlineData("x = [1]\na = ${x} foo", "2:10", "cannot concatenate an array with a string")]
    [InlineData("a = 1\na = ${a} [2]", "2:10", "cannot concatenate a number with an array")]
    public void Resolve_fails_with_position_and_expectation(string hocon, string lineColumn, string fragment)
    {
        var error = Hocon.Fails(hocon);
        Assert.StartsWith($"test.conf:{lineColumn}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_fails_cleanly_when_nesting_is_too_deep()
    {
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseString("a = " + new string('[', 5000), "test.conf"));
        Assert.Contains("levels of nested objects and arrays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_fails_cleanly_when_a_dotted_key_nests_too_deeply()
    {
        var key = string.Join('.', Enumerable.Repeat("a", 100_000));
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseString($"{key} = 1\n{key} = 2", "test.conf"));
        Assert.StartsWith("test.conf:1:1: expected at most 256 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_fails_cleanly_when_substitutions_chain_too_deeply()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na5000 = 1";
        var error = Hocon.Fails(text);
        Assert.Contains("expected substitutions to nest at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_fails_cleanly_on_a_missing_file()
    {
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseFile("/nonexistent/x.conf"));
        Assert.StartsWith("/nonexistent/x.conf:1:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_never_throws_anything_but_HoconException_on_random_input()
    {
        // Seeded fuzzing: fragments of HOCON glued at random must parse or fail with a HoconException, never crash.
        string[] pieces = ["a", "=", ":", "+=", "{", "}", "[", "]", ",", "\n", " ", "\"s\"", "\"\"\"m\"\"\"", "${x}", "${?y}", "1", "-2.5e3", "true", "null", "include", "\"f.conf\"", "file(", ")", ".", "#c\n", "//", "$", "\\", "\"\\u", "\"", "b.c"];
        var random = new Random(20261122);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            try
            {
                ConfigFactory.ParseString(text, "fuzz.conf").Resolve(new ConfigResolveOptions { UseEnvironment = false });
            }
            catch (HoconException e)
            {
                Assert.Matches("^fuzz\\.conf:\\d+:\\d+: ", e.Message);
            }
        }
    }
}
