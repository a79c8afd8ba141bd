namespace HotplugCluster.Hocon.Tests.Spec;

/// <summary>Conformance with HOCON.md, "Value concatenation" and "Note: Arrays without commas or newlines".</summary>
public sealed class ConcatenationTests
{
    [Theory]
    // "String value concatenation": inner whitespace kept, outer whitespace trimmed, numbers as written.
    [InlineData("a =  foo bar baz  ", "{\"a\":\"foo bar baz\"}")]
    [InlineData("a = foo   \"bar\"\tbaz", "{\"a\":\"foo   bar\\tbaz\"}")]
    [InlineData("a = true foo", "{\"a\":\"true foo\"}")]
    [InlineData("a = null x", "{\"a\":\"null x\"}")]
    [InlineData("a = 1e5 x", "{\"a\":\"1e5 x\"}")]
    [InlineData("a = 1 2", "{\"a\":\"1 2\"}")]
    [InlineData("a = 4 GiB", "{\"a\":\"4 GiB\"}")]
    [InlineData("a = foo bar\nb = baz", "{\"a\":\"foo bar\",\"b\":\"baz\"}")]
    // "Array and object concatenation".
    [InlineData("a : { b : 1 } { c : 2 }", "{\"a\":{\"b\":1,\"c\":2}}")]
    [InlineData("a : [ 1, 2 ] [ 3, 4 ]", "{\"a\":[1,2,3,4]}")]
    [InlineData("a : [ 1, 2 ]\na : ${a} [ 3, 4 ]", "{\"a\":[1,2,3,4]}")]
    [InlineData("data-center-generic = { cluster-size = 6 }\ndata-center-east = ${data-center-generic} { name = \"east\" }",
        "{\"data-center-generic\":{\"cluster-size\":6},\"data-center-east\":{\"cluster-size\":6,\"name\":\"east\"}}")]
    [InlineData("path = [ /bin ]\npath = ${path} [ /usr/bin ]", "{\"path\":[\"/bin\",\"/usr/bin\"]}")]
    [InlineData("a : { b : 1 } { b : 2 }", "{\"a\":{\"b\":2}}")]
    // "Conversion of numerically-indexed objects to arrays": done in a concatenation where an array is expected.
    [InlineData("a = [x] { \"1\" = z, \"0\" = y, other = w }", "{\"a\":[\"x\",\"y\",\"z\"]}")]
    [InlineData("o { \"0\" = 1 }\na = [0] ${o}", "{\"o\":{\"0\":1},\"a\":[0,1]}")]
    // "Arrays without commas or newlines".
    [InlineData("a = [ 1 2 3 4 ]", "{\"a\":[\"1 2 3 4\"]}")]
    [InlineData("a = [ 1\n 2\n 3\n 4 ]", "{\"a\":[1,2,3,4]}")]
    [InlineData("a = [ [ 1, 2 ] [ 3, 4 ] ]", "{\"a\":[[1,2,3,4]]}")]
    [InlineData("a = [ [ 1, 2 ]\n [ 3, 4 ] ]", "{\"a\":[[1,2],[3,4]]}")]
    [InlineData("name = Ann\nworld = Earth\na = [ my name is ${name}, Hello ${world} ]", "{\"name\":\"Ann\",\"world\":\"Earth\",\"a\":[\"my name is Ann\",\"Hello Earth\"]}")]
    [InlineData("x = 1, y = 2\na = [ ${x} ${y}, ${y}${x} ]", "{\"x\":1,\"y\":2,\"a\":[\"1 2\",\"21\"]}")]
    public void Concatenation_combines_values_as_the_spec_says(string hocon, string json) => Hocon.AssertResolvesTo(hocon, json);

    [Theory]
    // "Array and object concatenation": mixing kinds is an error.
    [InlineData("a = [1] { b = 2 }")]
    [InlineData("a = [1] foo")]
    [InlineData("a = { b = 1 } foo")]
    [InlineData("x = { y = 1 }\na = ${x} [1]")]
    [InlineData("x = [1]\na = ${x} foo")]
    public void Concatenation_fails_when_kinds_are_mixed(string hocon)
    {
        var error = Hocon.Fails(hocon);
        Assert.Contains("cannot concatenate", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.conf:", error.Message, StringComparison.Ordinal);
    }
}
