using HotplugCluster.Hocon;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>
/// Where each host setting was written, keyed as <see cref="Kernel.Settings.SettingError.Setting"/> names it
/// (<c>kernel.memmap-on-memory</c>, <c>cxl-devices[0].base</c>), so a topology error points at its line.
/// </summary>
internal sealed class HostConfigOrigins
{
    private readonly Dictionary<string, ConfigOrigin> _origins = new(StringComparer.Ordinal);

    public void Record(string setting, ConfigOrigin origin) => _origins[setting] = origin;

    /// <summary>The origin of <paramref name="setting"/>, else of the nearest enclosing setting (<c>cxl-devices[0]</c>, then <c>cxl-devices</c>, then <c>host</c>).</summary>
    public ConfigOrigin Find(string setting)
    {
        var key = setting;
        while (true)
        {
            if (_origins.TryGetValue(key, out var origin))
            {
                return origin;
            }

            var cut = Math.Max(key.LastIndexOf('.'), key.LastIndexOf('['));
            if (cut <= 0)
            {
                return _origins.TryGetValue(string.Empty, out var host) ? host : new ConfigOrigin("host", 1, 1);
            }

            key = key[..cut];
        }
    }
}
