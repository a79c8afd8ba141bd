namespace HotplugCluster.Hocon.Tests.Spec;

/// <summary>Conformance with HOCON.md, "Syntax" sections up to value concatenation; cases written from each rule of the spec.</summary>
public sealed class SyntaxTests
{
    [Theory]
    // "Unchanged from JSON": every JSON document reads as the same data.
    [InlineData("{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}, \"f\": -1.5e3}", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"},\"f\":-1.5e3}")]
    [InlineData("{\"s\": \"q\\\"b\\\\s\\/n\\n\\t\\u0041\"}", "{\"s\":\"q\\\"b\\\\s/n\\n\\t\\u0041\"}")]
    // "Omit root braces".
    [InlineData("a = 1", "{\"a\":1}")]
    [InlineData("", "{}")]
    [InlineData("  \n\n # only a comment\n", "{}")]
    // "Key-value separator": = and :, and none before {.
    [InlineData("a : 1\nb = 2", "{\"a\":1,\"b\":2}")]
    [InlineData("\"foo\" {}", "{\"foo\":{}}")]
    [InlineData("a { b { c = 1 } }", "{\"a\":{\"b\":{\"c\":1}}}")]
    // "Commas": newlines separate, one trailing comma is ignored.
    [InlineData("a = [1,2,3,]", "{\"a\":[1,2,3]}")]
    [InlineData("a = [1\n2\n3]", "{\"a\":[1,2,3]}")]
    [InlineData("a = 1,\nb = 2,", "{\"a\":1,\"b\":2}")]
    [InlineData("{ a = 1, b = 2, }", "{\"a\":1,\"b\":2}")]
    // "Comments".
    [InlineData("a = 1 # hash\nb = 2 // slashes\n// c = 3", "{\"a\":1,\"b\":2}")]
    [InlineData("a = \"x#y//z\"", "{\"a\":\"x#y//z\"}")]
    // "Whitespace": Unicode separators, the BOM and the ASCII control separators.
    [InlineData("a\u00A0=\u2007\"x\"\u202F", "{\"a\":\"x\"}")]
    [InlineData("\uFEFFa = 1", "{\"a\":1}")]
    [InlineData("a\u001C=\u001F1", "{\"a\":1}")]
    [InlineData("a = 1\r\nb = 2\r\n", "{\"a\":1,\"b\":2}")]
    public void Document_reads_as_expected_json(string hocon, string json) => Hocon.AssertResolvesTo(hocon, json);

    [Theory]
    // "Duplicate keys and object merging": the spec's two pairs of equivalent documents.
    [InlineData("{ \"foo\" : { \"a\" : 42 }, \"foo\" : { \"b\" : 43 } }", "{ \"foo\" : { \"a\" : 42, \"b\" : 43 } }")]
    [InlineData("{ \"foo\" : { \"a\" : 42 }, \"foo\" : null, \"foo\" : { \"b\" : 43 } }", "{ \"foo\" : { \"b\" : 43 } }")]
    [InlineData("a = 1\na = 2", "a = 2")]
    [InlineData("a = { x = 1 }\na = 5", "a = 5")]
    [InlineData("a = 5\na = { x = 1 }", "a = { x = 1 }")]
    [InlineData("a { b { c = 1, d = 2 } }\na { b { d = 3 } }", "a.b.c = 1, a.b.d = 3")]
    public void Duplicate_keys_merge_objects_and_override_the_rest(string left, string right) => Hocon.AssertEquivalent(left, right);

    [Theory]
    // "Unquoted strings": true/false/null/numbers are recognised only at the start.
    [InlineData("a = foo", "{\"a\":\"foo\"}")]
    [InlineData("a = truefoo", "{\"a\":\"truefoo\"}")]
    [InlineData("a = footrue", "{\"a\":\"footrue\"}")]
    [InlineData("a = 10.0bar", "{\"a\":\"10.0bar\"}")]
    [InlineData("a = bar10.0", "{\"a\":\"bar10.0\"}")]
    [InlineData("a = data/hotplug.db", "{\"a\":\"data/hotplug.db\"}")]
    [InlineData("a = 127.0.0.1", "{\"a\":\"127.0.0.1\"}")]
    [InlineData("a = true", "{\"a\":true}")]
    [InlineData("a = null", "{\"a\":null}")]
    [InlineData("a = 10us", "{\"a\":\"10us\"}")]
    [InlineData("a = yes", "{\"a\":\"yes\"}")]
    // "Multi-line strings": no escapes, newlines kept, extra closing quotes belong to the string.
    [InlineData("a = \"\"\"x\n  y\"\"\"", "{\"a\":\"x\\n  y\"}")]
    [InlineData("a = \"\"\"foo\"\"\"\"", "{\"a\":\"foo\\\"\"}")]
    [InlineData("a = \"\"\"\\u0041 \"quoted\" \"\"\"", "{\"a\":\"\\\\u0041 \\\"quoted\\\" \"}")]
    [InlineData("a = \"\"\"\"\"\"", "{\"a\":\"\"}")]
    public void Strings_read_as_the_spec_says(string hocon, string json) => Hocon.AssertResolvesTo(hocon, json);

    [Fact]
    public void Conformance_helper_fails_when_values_differ() =>
        Assert.ThrowsAny<Exception>(() => Hocon.AssertResolvesTo("a = 1, b = x", "{\"a\":1,\"b\":\"y\"}"));
}
