using System.Text.Json.Nodes;

namespace HotplugCluster.Hocon.Tests;

/// <summary>Helpers: parse and resolve without the process environment, and compare with JSON read by System.Text.Json.</summary>
internal static class Hocon
{
    public static Config Resolve(string text, IReadOnlyDictionary<string, string>? environment = null) =>
        ConfigFactory.ParseString(text, "test.conf").Resolve(new ConfigResolveOptions { Environment = environment ?? new Dictionary<string, string>() });

    /// <summary>Asserts that <paramref name="hocon"/> resolves to the JSON document <paramref name="json"/> (key order ignored).</summary>
    public static void AssertResolvesTo(string hocon, string json, IReadOnlyDictionary<string, string>? environment = null)
    {
        var actual = JsonNode.Parse(Resolve(hocon, environment).ToJson());
        var expected = JsonNode.Parse(json);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }

    /// <summary>Asserts that two HOCON documents resolve to the same tree.</summary>
    public static void AssertEquivalent(string left, string right) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(Resolve(left).ToJson()), JsonNode.Parse(Resolve(right).ToJson())),
            $"{Resolve(left).ToJson()}\n differs from\n{Resolve(right).ToJson()}");

    public static HoconException Fails(string hocon) => Assert.Throws<HoconException>(() => Resolve(hocon));
}
