namespace HotplugCluster.Hocon.Tests.Spec;

/// <summary>Conformance with HOCON.md, "Path expressions", "Paths as keys" and the special key <c>include</c>.</summary>
public sealed class PathTests
{
    [Theory]
    // "Path expressions": dots split outside quotes, numbers keep their written form.
    [InlineData("foo.bar.\"hello.world\" = 1", "{\"foo\":{\"bar\":{\"hello.world\":1}}}")]
    [InlineData("10.0foo = 1", "{\"10\":{\"0foo\":1}}")]
    [InlineData("foo10.0 = 1", "{\"foo10\":{\"0\":1}}")]
    [InlineData("foo\"10.0\" = 1", "{\"foo10.0\":1}")]
    [InlineData("1.2.3 = 1", "{\"1\":{\"2\":{\"3\":1}}}")]
    [InlineData("a.\"\".b = 1", "{\"a\":{\"\":{\"b\":1}}}")]
    // "Paths as keys".
    [InlineData("foo.bar : 42", "{\"foo\":{\"bar\":42}}")]
    [InlineData("foo.bar.baz : 42", "{\"foo\":{\"bar\":{\"baz\":42}}}")]
    [InlineData("a.x : 42, a.y : 43", "{\"a\":{\"x\":42,\"y\":43}}")]
    [InlineData("a b c : 42", "{\"a b c\":42}")]
    [InlineData("true : 42", "{\"true\":42}")]
    [InlineData("3 : 42", "{\"3\":42}")]
    [InlineData("3.14 : 42", "{\"3\":{\"14\":42}}")]
    [InlineData("null : 1, false : 2", "{\"null\":1,\"false\":2}")]
    // "Include syntax": include is only special at the start of a key.
    [InlineData("{ foo include : 42 }", "{\"foo include\":42}")]
    [InlineData("{ foo : include }", "{\"foo\":\"include\"}")]
    [InlineData("a = [ include ]", "{\"a\":[\"include\"]}")]
    [InlineData("{ \"include\" : 42 }", "{\"include\":42}")]
    public void Keys_expand_to_paths(string hocon, string json) => Hocon.AssertResolvesTo(hocon, json);

    [Theory]
    [InlineData("foo.bar : 42", "foo { bar : 42 }")]
    [InlineData("foo.bar.baz : 42", "foo { bar { baz : 42 } }")]
    [InlineData("a.x : 42, a.y : 43", "a { x : 42, y : 43 }")]
    [InlineData("a b c : 42", "\"a b c\" : 42")]
    public void Dotted_keys_are_equivalent_to_nested_objects(string left, string right) => Hocon.AssertEquivalent(left, right);

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    [InlineData("x = ${a..b}")]
    public void Empty_unquoted_path_elements_are_errors(string hocon) =>
        Assert.Contains("expected a path element", Hocon.Fails(hocon).Message, StringComparison.Ordinal);
}
