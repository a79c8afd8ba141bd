using HotplugCluster.Hocon;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>
/// Reads one section of a host setting (<c>host.kernel</c>, <c>host.cxl-devices[1]</c>) and words every error as
/// <c>FILE:LINE:COL: host.section.key: message</c>, naming the full setting rather than the key inside its section.
/// Its getters carry Config's names so that the reference.conf scan (ReferenceConfTests) checks the keys read here.
/// </summary>
internal sealed class SectionReader(Config config, string path, HostConfigOrigins origins)
{
    private const string DisplayRoot = "host";

    /// <summary>The section's setting path without the <c>host.</c> root, as SettingError names it (empty for the root).</summary>
    public string Path { get; } = path;

    public bool HasPath(string key) => config.HasPath(key);

    public string GetString(string key) => Read(key, () => config.GetString(key));

    public int GetInt(string key) => Read(key, () => config.GetInt(key));

    public bool GetBoolean(string key) => Read(key, () => config.GetBoolean(key));

    public long GetBytes(string key) => Read(key, () => config.GetBytes(key));

    public IReadOnlyList<string> GetStringList(string key) => Read(key, () => config.GetStringList(key));

    public IReadOnlyList<ConfigValue> GetList(string key) => Read(key, () => config.GetList(key));

    public IReadOnlyList<Config> GetConfigList(string key) => Read(key, () => config.GetConfigList(key));

    public Config GetConfig(string key) => Read(key, () => config.GetConfig(key));

    /// <summary>A setting the user must give (no default exists): a positive size in bytes.</summary>
    public long RequiredBytes(string key)
    {
        Require(key);
        var bytes = Read(key, () => config.GetBytes(key));
        return bytes > 0 ? bytes : throw ErrorAt(key, $"expected a positive size, found {bytes}");
    }

    /// <summary>A setting the user must give (no default exists): its integer value.</summary>
    public int RequiredInt(string key)
    {
        Require(key);
        return Read(key, () => config.GetInt(key));
    }

    /// <summary>An error at the value of <paramref name="key"/> (or at the section when it is absent).</summary>
    public HoconException ErrorAt(string key, string message) =>
        new(config.HasPath(key) ? config.GetOrigin(key) : origins.Find(Path), $"{Display(key)}: {message}");

    /// <summary>Records where the section itself was written (for errors about a key that takes its default).</summary>
    public void RecordSection(ConfigOrigin origin) => origins.Record(Path, origin);

    /// <summary>The setting path of <paramref name="key"/> as SettingError names it.</summary>
    public string Setting(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private string Display(string key) => $"{DisplayRoot}.{Setting(key)}";

    private void Require(string key)
    {
        if (!config.HasPath(key))
        {
            throw new HoconException(origins.Find(Path), $"{Display(key)}: missing setting (required, it has no default)");
        }
    }

    private T Read<T>(string key, Func<T> get)
    {
        try
        {
            var value = get();
            if (config.HasPath(key))
            {
                origins.Record(Setting(key), config.GetOrigin(key));
            }

            return value;
        }
        catch (HoconException e) when (e.Origin is { } origin)
        {
            // Config names the key relative to this section; restate it as the full host setting.
            var rest = e.Message[(origin.ToString().Length + 2)..];
            rest = rest.StartsWith(key + ": ", StringComparison.Ordinal) ? rest[(key.Length + 2)..] : rest;
            throw new HoconException(origin, $"{Display(key)}: {rest}");
        }
    }
}
