namespace HotplugCluster.Hocon.Tests;

public sealed class ConfigTests
{
    private static readonly Config Sample = Hocon.Resolve("""
        s = hello
        n = 42
        big = 5000000000
        d = 2.5
        t = true
        o { x = 1, y = [a, b] }
        l = [1, 2, 3]
        nul = null
        objs = [{ a = 1 }, { a = 2 }]
        indexed { "1" = b, "0" = a, other = c }
        """);

    [Theory]
    // "Automatic type conversions": the six boolean strings.
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    public void GetBoolean_converts_the_spec_strings(string literal, bool expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {literal}").GetBoolean("v"));

    [Theory]
    [InlineData("Yes")]
    [InlineData("1")]
    [InlineData("enabled")]
    public void GetBoolean_fails_when_string_is_not_one_of_the_six(string literal)
    {
        var error = Assert.Throws<HoconException>(() => Hocon.Resolve($"v = {literal}").GetBoolean("v"));
        Assert.StartsWith("test.conf:1:5: v: expected a boolean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getters_convert_numbers_and_strings_both_ways()
    {
        Assert.Equal("42", Sample.GetString("n"));
        Assert.Equal("true", Sample.GetString("t"));
        Assert.Equal(42, Hocon.Resolve("v = \"42\"").GetInt("v"));
        Assert.Equal(2.5, Sample.GetDouble("d"));
        Assert.Equal(5_000_000_000, Sample.GetLong("big"));
        Assert.Equal(1000, Hocon.Resolve("v = 1e3").GetLong("v"));
    }

    [Fact]
    public void GetInt_fails_when_value_is_out_of_range_or_fractional()
    {
        Assert.Contains("out of range", Assert.Throws<HoconException>(() => Sample.GetInt("big")).Message, StringComparison.Ordinal);
        Assert.StartsWith("test.conf:4:5: d: expected a whole number", Assert.Throws<HoconException>(() => Sample.GetInt("d")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_of_a_missing_path_names_the_path_and_the_nearest_origin()
    {
        var error = Assert.Throws<HoconException>(() => Sample.GetString("o.z"));
        Assert.Equal("test.conf:6:3: o.z: missing setting (no value at this path)", error.Message);
        Assert.Equal(new ConfigOrigin("test.conf", 6, 3), error.Origin);
    }

    [Fact]
    public void Get_under_a_non_object_says_what_is_in_the_way()
    {
        var error = Assert.Throws<HoconException>(() => Sample.GetString("s.deeper"));
        Assert.Equal("test.conf:1:5: s.deeper: missing setting (the value it would be under is the string \"hello\", not an object)", error.Message);
    }

    [Fact]
    public void Get_of_a_wrong_type_names_the_path_and_the_value_origin()
    {
        var error = Assert.Throws<HoconException>(() => Sample.GetInt("s"));
        Assert.Equal("test.conf:1:5: s: expected a whole number, found the string \"hello\"", error.Message);
        Assert.Throws<HoconException>(() => Sample.GetString("o"));
        Assert.Throws<HoconException>(() => Sample.GetString("nul"));
        Assert.Throws<HoconException>(() => Sample.GetConfig("l"));
        Assert.Throws<HoconException>(() => Sample.GetList("s"));
    }

    [Fact]
    public void HasPath_is_false_for_missing_and_null_values()
    {
        Assert.True(Sample.HasPath("o.x"));
        Assert.True(Sample.HasPath("o"));
        Assert.False(Sample.HasPath("o.z"));
        Assert.False(Sample.HasPath("s.deeper"));
        Assert.False(Sample.HasPath("nul"));
    }

    [Fact]
    public void GetConfig_and_lists_return_nested_values()
    {
        Assert.Equal(["a", "b"], Sample.GetConfig("o").GetStringList("y"));
        Assert.Equal(3, Sample.GetList("l").Count);
        Assert.Equal([1, 2], Sample.GetConfigList("objs").Select(c => c.GetInt("a")));
        // "Conversion of numerically-indexed objects to arrays": sorted by index, other keys ignored.
        Assert.Equal(["a", "b"], Sample.GetStringList("indexed"));
    }

    [Fact]
    public void WithFallback_merges_objects_and_lets_the_receiver_win()
    {
        var app = ConfigFactory.ParseString("a { x = 1 }\nb = app", "app.conf");
        var reference = ConfigFactory.ParseString("a { x = 0, y = 2 }\nb = ref\nc = ref", "reference.conf");
        var merged = app.WithFallback(reference).Resolve();
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(2, merged.GetInt("a.y"));
        Assert.Equal("app", merged.GetString("b"));
        Assert.Equal("ref", merged.GetString("c"));
        Assert.Equal("reference.conf:3:5", merged.GetOrigin("c").ToString());
    }

    [Fact]
    public void WithFallback_lets_self_references_see_the_fallback_value()
    {
        var app = ConfigFactory.ParseString("path = ${path} [app]\nn += 2", "app.conf");
        var reference = ConfigFactory.ParseString("path = [ref]\nn = [1]", "reference.conf");
        var merged = app.WithFallback(reference).Resolve(new ConfigResolveOptions { UseEnvironment = false });
        Assert.Equal(["ref", "app"], merged.GetStringList("path"));
        Assert.Equal(["1", "2"], merged.GetStringList("n"));
    }

    [Fact]
    public void WithFallback_follows_the_spec_merge_order_example()
    {
        // "Config object merging and file merging": a non-object between two objects hides the lower one.
        var first = ConfigFactory.ParseString("a : { x : 1 }");
        var hidden = first.WithFallback(ConfigFactory.ParseString("a : 42")).WithFallback(ConfigFactory.ParseString("a : { y : 2 }")).Resolve();
        Assert.False(hidden.HasPath("a.y"));
        var adjacent = first.WithFallback(ConfigFactory.ParseString("a : { y : 2 }")).WithFallback(ConfigFactory.ParseString("a : 42")).Resolve();
        Assert.Equal(2, adjacent.GetInt("a.y"));
    }

    [Fact]
    public void ErrorAt_prefixes_the_value_origin_and_path()
    {
        var error = Sample.ErrorAt("o.x", "must be even");
        Assert.Equal("test.conf:6:9: o.x: must be even", error.Message);
    }

    [Fact]
    public void Getter_paths_accept_quoted_elements()
    {
        var config = Hocon.Resolve("\"a.b\" { c = 1 }");
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
    }

    [Fact]
    public void Getters_on_an_unresolved_config_ask_for_Resolve()
    {
        var config = ConfigFactory.ParseString("a = ${b}\nb = 1");
        Assert.False(config.IsResolved);
        Assert.Throws<InvalidOperationException>(() => config.GetInt("a"));
        Assert.Equal(1, config.Resolve().GetInt("a"));
    }
}
