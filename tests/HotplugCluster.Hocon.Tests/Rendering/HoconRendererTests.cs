using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Tests.Rendering;

/// <summary>Round trips: parse(render(x)) == x, for HOCON and for JSON rendering, on fixed documents and seeded random trees.</summary>
public sealed class HoconRendererTests
{
    private static readonly string[] TrickyStrings =
    [
        "", " ", "a b", "true", "trueish", "null", "nullable", "10", "10us", "5s", "1.5GiB", "a.b", "include", "x//y", "#",
        "${x}", "\"q\"", "back\\slash", "tab\t", "new\nline", "unicode é ✓", "-5", "-", "key=val", "1e5", "0x", "a,b", "[", "{",
        "data/hotplug.db", "deterministic", "yes", "off", " lead", "trail ", "\u0001", "\u00A0",
    ];

    private static readonly string[] Numbers = ["0", "-1", "42", "1.5", "-0.25", "1e5", "2E-3", "12345678901234567890"];

    [Theory]
    [InlineData("a = 1\nb { c = [1, two, { d = null }], e = \"x y\" }\nf = 10us\ng = {}")]
    [InlineData("\"a.b\" = 1\n\"\" = 2\n\"include\" = 3\n\"true\" = 4\n\"-x\" = 5")]
    [InlineData("s = \"\"\"multi\nline \"quoted\" \\n\"\"\"")]
    [InlineData("nested { deeper { deepest = [[1, 2], [], [{}]] } }")]
    public void Render_round_trips_documents(string hocon)
    {
        var config = Hocon.Resolve(hocon);
        AssertRoundTrips(config);
    }

    [Fact]
    public void Render_round_trips_seeded_random_trees()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var config = new Config(RandomObject(random, depth: 0));
            try
            {
                AssertRoundTrips(config);
            }
            catch (Exception e) when (e is HoconException or Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"round trip failed for seed {seed}:\n{config.ToHocon()}", e);
            }
        }
    }

    [Theory]
    [InlineData("a = [1]\na = ${a} [2]\nb = ${a}")]
    [InlineData("x { y = 1 }\nx = ${x} { z = ${x.y} }\nn += 1\nn += 2")]
    [InlineData("s = ${?nope}foo bar\nt = ${s}\" q\"\nu = ${?nope}")]
    [InlineData("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }")]
    public void Render_of_an_unresolved_config_resolves_to_the_same_tree(string hocon)
    {
        var unresolved = ConfigFactory.ParseString(hocon, "test.conf");
        Assert.False(unresolved.IsResolved);
        var reparsed = ConfigFactory.ParseString(unresolved.ToHocon(), "rendered.conf");
        Assert.Equal(Hocon.Resolve(hocon).ToJson(), reparsed.Resolve(new ConfigResolveOptions { UseEnvironment = false }).ToJson());
    }

    [Fact]
    public void Entries_list_every_leaf_with_a_path_expression()
    {
        var config = Hocon.Resolve("a { b = 1, \"c.d\" = [2] }\ne = {}");
        Assert.Equal(["a.b", "a.\"c.d\""], config.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Render_with_origins_appends_each_value_origin_as_a_comment()
    {
        var config = Hocon.Resolve("a {\n  b = 1\n}\nc = [x]");
        Assert.Equal("a {\n  b = 1  # test.conf:2:7\n}\nc = [x]  # test.conf:4:5\n", config.ToHocon(withOrigins: true));
        Assert.Contains("\"b\": { \"value\": 1, \"origin\": \"test.conf:2:7\" }", config.ToJson(withOrigins: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_leaves_words_and_units_unquoted_and_quotes_the_rest()
    {
        var config = Hocon.Resolve("a = deterministic\nb = 5s\nc = \"10\"\nd = \"true\"\ne = \"Data Source=x\"\nf = 256MiB");
        Assert.Equal("a = deterministic\nb = 5s\nc = \"10\"\nd = \"true\"\ne = \"Data Source=x\"\nf = 256MiB\n", config.ToHocon());
    }

    private static void AssertRoundTrips(Config config)
    {
        var fromHocon = ConfigFactory.ParseString(config.ToHocon(), "rendered.conf").Resolve(new ConfigResolveOptions { UseEnvironment = false });
        Assert.True(StructurallyEqual(config.Root, fromHocon.Root), $"HOCON round trip changed the tree:\n{config.ToHocon()}\n---\n{fromHocon.ToHocon()}");
        var fromJson = ConfigFactory.ParseString(config.ToJson(), "rendered.json").Resolve(new ConfigResolveOptions { UseEnvironment = false });
        Assert.True(StructurallyEqual(config.Root, fromJson.Root), $"JSON round trip changed the tree:\n{config.ToJson()}");
    }

    private static bool StructurallyEqual(ConfigValue a, ConfigValue b) => (a, b) switch
    {
        (ConfigObject x, ConfigObject y) => x.Fields.Count == y.Fields.Count
            && x.Fields.All(f => y.Fields.TryGetValue(f.Key, out var other) && StructurallyEqual(f.Value, other)),
        (ConfigList x, ConfigList y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => StructurallyEqual(p.First, p.Second)),
        (ConfigString x, ConfigString y) => x.Value == y.Value,
        (ConfigNumber x, ConfigNumber y) => x.Raw == y.Raw,
        (ConfigBoolean x, ConfigBoolean y) => x.Value == y.Value,
        (ConfigNull, ConfigNull) => true,
        _ => false,
    };

    private static readonly ConfigOrigin Here = new("random", 1, 1);

    private static ConfigObject RandomObject(Random random, int depth)
    {
        var result = new ConfigObject(Here);
        var count = random.Next(0, depth == 0 ? 8 : 4);
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(3) == 0 ? TrickyStrings[random.Next(TrickyStrings.Length)] : $"k{random.Next(20)}";
            result.Fields[key] = RandomValue(random, depth + 1);
        }

        return result;
    }

    private static ConfigValue RandomValue(Random random, int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => new ConfigString(Here, TrickyStrings[random.Next(TrickyStrings.Length)]),
        1 => new ConfigNumber(Here, Numbers[random.Next(Numbers.Length)]),
        2 => new ConfigBoolean(Here, random.Next(2) == 0),
        3 => new ConfigNull(Here),
        4 => new ConfigString(Here, $"w{random.Next(100)}"),
        5 => new ConfigList(Here, Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1)).ToList()),
        _ => RandomObject(random, depth),
    };
}
