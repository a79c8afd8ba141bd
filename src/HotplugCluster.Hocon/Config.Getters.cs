using System.Globalization;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon;

/// <summary>Typed getters with the spec's automatic type conversions (number/boolean to string, string to number/boolean).</summary>
public sealed partial class Config
{
    /// <summary>The string at <paramref name="path"/>; numbers and booleans convert to their text.</summary>
    public string GetString(string path)
    {
        var value = Require(path);
        return value switch
        {
            ConfigString or ConfigNumber or ConfigBoolean => Values.ConcatenationRules.TextOf(value),
            _ => throw WrongType(path, value, "a string"),
        };
    }

    /// <summary>The 32-bit integer at <paramref name="path"/>.</summary>
    public int GetInt(string path)
    {
        var value = GetLong(path);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw ErrorAt(path, $"expected a 32-bit integer, found {value} (out of range)");
    }

    /// <summary>The 64-bit integer at <paramref name="path"/>; a string holding a JSON number converts.</summary>
    public long GetLong(string path)
    {
        var value = Require(path);
        var number = AsNumber(value);
        if (number is null)
        {
            throw WrongType(path, value, "a whole number");
        }

        return number.TryGetLong(out var result)
            ? result
            : throw WrongType(path, value, "a whole number that fits in 64 bits");
    }

    /// <summary>The floating-point number at <paramref name="path"/>.</summary>
    public double GetDouble(string path)
    {
        var value = Require(path);
        return AsNumber(value)?.ToDouble() ?? throw WrongType(path, value, "a number");
    }

    /// <summary>The boolean at <paramref name="path"/>: <c>true</c>/<c>false</c>, or the strings yes/no/on/off/true/false (spec: automatic type conversions).</summary>
    public bool GetBoolean(string path)
    {
        var value = Require(path);
        return value switch
        {
            ConfigBoolean b => b.Value,
            ConfigString { Value: "true" or "yes" or "on" } => true,
            ConfigString { Value: "false" or "no" or "off" } => false,
            _ => throw WrongType(path, value, "a boolean (true, false, yes, no, on or off)"),
        };
    }

    /// <summary>The object at <paramref name="path"/> as a configuration of its own.</summary>
    public Config GetConfig(string path)
    {
        var value = Require(path);
        return value is ConfigObject o ? new Config(o) : throw WrongType(path, value, "an object");
    }

    /// <summary>The array at <paramref name="path"/>; an object with numeric keys converts (spec: numerically-indexed objects).</summary>
    public IReadOnlyList<ConfigValue> GetList(string path)
    {
        var value = Require(path);
        return value switch
        {
            ConfigList l => l.Items,
            ConfigObject o when NumericObjects.IsConvertible(o) => NumericObjects.ToList(o).Items,
            _ => throw WrongType(path, value, "an array"),
        };
    }

    /// <summary>The array of strings at <paramref name="path"/>.</summary>
    public IReadOnlyList<string> GetStringList(string path) =>
        GetList(path).Select(item => item is ConfigString or ConfigNumber or ConfigBoolean
            ? ConcatenationRules.TextOf(item)
            : throw new HoconException(item.Origin, $"{ParsePath(path)}: expected an array of strings, found an element that is {Describe(item)}")).ToList();

    /// <summary>The array of objects at <paramref name="path"/>, each as a configuration.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        GetList(path).Select(item => item is ConfigObject o
            ? new Config(o)
            : throw new HoconException(item.Origin, $"{ParsePath(path)}: expected an array of objects, found an element that is {Describe(item)}")).ToList();

    private static ConfigNumber? AsNumber(ConfigValue value) => value switch
    {
        ConfigNumber n => n,
        ConfigString s when IsJsonNumber(s.Value) => new ConfigNumber(s.Origin, s.Value),
        _ => null,
    };

    private static bool IsJsonNumber(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-')
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);

    private static HoconException WrongType(string path, ConfigValue value, string expected) =>
        new(value.Origin, $"{ParsePath(path)}: expected {expected}, found {Describe(value)}");

    private static string Describe(ConfigValue value) => value switch
    {
        ConfigString s => $"the string {HoconPath.Quote(s.Value)}",
        ConfigNumber n => $"the number {n.Raw}",
        ConfigBoolean b => b.Value ? "true" : "false",
        ConfigNull => "null",
        ConfigList => "an array",
        ConfigObject => "an object",
        _ => "an unresolved value",
    };
}
