namespace HotplugCluster.Hocon.Tests.Spec;

/// <summary>Conformance with HOCON.md, "Substitutions", "Self-Referential Substitutions", "+=" and the environment fallback.</summary>
public sealed class SubstitutionTests
{
    [Theory]
    // "Substitutions": absolute paths, forward references, concatenation with strings, none inside quotes.
    [InlineData("a = 1\nb = ${a}", "{\"a\":1,\"b\":1}")]
    [InlineData("b = ${a}\na = 1", "{\"b\":1,\"a\":1}")]
    [InlineData("animal.favorite = cat\nkey : ${animal.favorite} is my favorite animal", "{\"animal\":{\"favorite\":\"cat\"},\"key\":\"cat is my favorite animal\"}")]
    [InlineData("animal.favorite = cat\nkey : ${animal.favorite}\" is my favorite animal\"", "{\"animal\":{\"favorite\":\"cat\"},\"key\":\"cat is my favorite animal\"}")]
    [InlineData("a = \"${b}\"", "{\"a\":\"${b}\"}")]
    [InlineData("a = { x = [1, {y = true}] }\nb = ${a}", "{\"a\":{\"x\":[1,{\"y\":true}]},\"b\":{\"x\":[1,{\"y\":true}]}}")]
    [InlineData("a = 1\na = 2\nb = ${a}", "{\"a\":2,\"b\":2}")]
    [InlineData("a = null\nb = ${a}", "{\"a\":null,\"b\":null}")]
    [InlineData("a = 1.50\nb = ${a}x", "{\"a\":1.50,\"b\":\"1.50x\"}")]
    // Objects may refer to paths within themselves, and look forward to the final value.
    [InlineData("bar : { foo : 42,\n baz : ${bar.foo}\n }", "{\"bar\":{\"foo\":42,\"baz\":42}}")]
    [InlineData("a={ x : 42, y : ${a.x} }", "{\"a\":{\"x\":42,\"y\":42}}")]
    [InlineData("bar : { foo : 42,\n baz : ${bar.foo}\n }\nbar : { foo : 43 }", "{\"bar\":{\"foo\":43,\"baz\":43}}")]
    [InlineData("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4", "{\"bar\":{\"a\":4,\"b\":3},\"foo\":{\"c\":3,\"d\":4}}")]
    // Optional substitutions: an undefined one removes the field, the element, or becomes empty.
    [InlineData("foo : ${?bar}", "{}")]
    [InlineData("foo : ${?bar}${?baz}", "{}")]
    [InlineData("a = 1\na = ${?nope}", "{\"a\":1}")]
    [InlineData("a = [1, ${?nope}, 2]", "{\"a\":[1,2]}")]
    [InlineData("a = x${?nope}y", "{\"a\":\"xy\"}")]
    [InlineData("a = [1] ${?nope} [2]", "{\"a\":[1,2]}")]
    // "Self-Referential Substitutions".
    [InlineData("path : \"a:b:c\"\npath : ${path}\":d\"", "{\"path\":\"a:b:c:d\"}")]
    [InlineData("foo : { a : 1 }\nfoo : ${foo}", "{\"foo\":{\"a\":1}}")]
    [InlineData("foo : ${does-not-exist}\nfoo : 42", "{\"foo\":42}")]
    [InlineData("foo : ${foo}\nfoo : 42", "{\"foo\":42}")]
    [InlineData("foo : ${?foo}", "{}")]
    [InlineData("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", "{\"foo\":{\"a\":2,\"c\":1}}")]
    [InlineData("a = ${?a}foo", "{\"a\":\"foo\"}")]
    [InlineData("a = [1]\na = ${a} [2]\na = ${a} [3]", "{\"a\":[1,2,3]}")]
    [InlineData("a = 1\nb = ${a}\na = ${b}", "{\"a\":1,\"b\":1}")]
    [InlineData("x = { a = 1 }\nx = ${x} { b = ${x.a} }", "{\"x\":{\"a\":1,\"b\":1}}")]
    // Lookups through objects, merge stacks and overrides of substituted objects.
    [InlineData("a = { b = 1 }\na.c = ${a.b}", "{\"a\":{\"b\":1,\"c\":1}}")]
    [InlineData("base { x = 1, y = 2 }\nderived = ${base}\nderived.y = 3", "{\"base\":{\"x\":1,\"y\":2},\"derived\":{\"x\":1,\"y\":3}}")]
    [InlineData("a = ${x}\na.b = 2\nx = { c = 1 }\nd = ${a.c}", "{\"a\":{\"c\":1,\"b\":2},\"x\":{\"c\":1},\"d\":1}")]
    [InlineData("a = \"\"\"x\"\"\" y ${?z}", "{\"a\":\"x y \"}")]
    [InlineData("foo.bar = ${?foo.bar} [1]\nfoo.bar = ${?foo.bar} [2]", "{\"foo\":{\"bar\":[1,2]}}")]
    [InlineData("a = ${?nope} { x = 1 }", "{\"a\":{\"x\":1}}")]
    // "The += field separator".
    [InlineData("a += b", "{\"a\":[\"b\"]}")]
    [InlineData("a = [x]\na += y", "{\"a\":[\"x\",\"y\"]}")]
    [InlineData("o { a += 1, a += 2 }", "{\"o\":{\"a\":[1,2]}}")]
    [InlineData("a += { x = 1 }", "{\"a\":[{\"x\":1}]}")]
    public void Substitutions_resolve_as_the_spec_says(string hocon, string json) => Hocon.AssertResolvesTo(hocon, json);

    [Fact]
    public void Substitutions_resolve_both_sides_of_an_order_dependent_cycle_to_the_same_value()
    {
        // "Implementations must set both a and b to the same value in this case."
        var config = Hocon.Resolve("a : 1\nb : 2\na : ${b}\nb : ${a}");
        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }

    [Theory]
    [InlineData("a = ${HOME}", "{\"a\":\"/home/me\"}")]
    [InlineData("a = ${?HOME}/bin", "{\"a\":\"/home/me/bin\"}")]
    [InlineData("HOME = null\na = ${HOME}", "{\"HOME\":null,\"a\":null}")]
    [InlineData("HOME = /local\na = ${HOME}", "{\"HOME\":\"/local\",\"a\":\"/local\"}")]
    [InlineData("a = ${EMPTY}", "{\"a\":\"\"}")]
    [InlineData("a = ${?MISSING}", "{}")]
    [InlineData("a = ${user.name}", "{\"a\":\"ann\"}")]
    public void Substitutions_fall_back_to_environment_variables_when_not_set(string hocon, string json) =>
        Hocon.AssertResolvesTo(hocon, json, new Dictionary<string, string> { ["HOME"] = "/home/me", ["EMPTY"] = "", ["user.name"] = "ann" });

    [Fact]
    public void Environment_value_is_a_string_that_converts_on_request()
    {
        var config = Hocon.Resolve("threads = ${THREADS}", new Dictionary<string, string> { ["THREADS"] = "8" });
        Assert.Equal(8, config.GetInt("threads"));
        Assert.Equal("env:THREADS:1:1", config.GetOrigin("threads").ToString());
    }

    [Fact]
    public void Environment_is_not_consulted_when_disabled()
    {
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseString("a = ${PATH}", "t.conf")
            .Resolve(new ConfigResolveOptions { UseEnvironment = false }));
        Assert.Equal("t.conf:1:5: could not resolve substitution ${PATH}: 'PATH' is not set", error.Message);
    }

    [Theory]
    [InlineData("a = ${b}", "test.conf:1:5: could not resolve substitution ${b}: 'b' is not set and there is no environment variable b")]
    [InlineData("x {\n  y = ${nope.deeper}\n}", "test.conf:2:7: could not resolve substitution ${nope.deeper}: 'nope.deeper' is not set and there is no environment variable nope.deeper")]
    [InlineData("foo : ${foo}", "test.conf:1:7: could not resolve substitution ${foo}: 'foo' refers to itself and has no earlier value to build on")]
    [InlineData("a : ${a}bc", "test.conf:1:5: could not resolve substitution ${a}: 'a' refers to itself and has no earlier value to build on")]
    [InlineData("path : ${path} [ /usr/bin ]", "test.conf:1:8: could not resolve substitution ${path}: 'path' refers to itself and has no earlier value to build on")]
    [InlineData("foo : ${foo}\nfoo : { a : 1 }", "test.conf:1:7: could not resolve substitution ${foo}: 'foo' refers to itself and has no earlier value to build on")]
    public void Unresolved_substitution_names_the_path_and_where_it_was_used(string hocon, string message) =>
        Assert.Equal(message, Hocon.Fails(hocon).Message);

    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}")]
    [InlineData("a : { b : ${a} }")]
    [InlineData("a : [${a}]")]
    [InlineData("a = { x = ${b.y} }\nb = { y = ${a.x} }")]
    public void Cycles_are_errors(string hocon)
    {
        var error = Hocon.Fails(hocon);
        Assert.Matches("^test\\.conf:\\d+:\\d+: could not resolve substitution", error.Message);
    }
}
