using System.Security.Cryptography;
using System.Text;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Configuration;

/// <summary>
/// A short hash of every <c>hotplug</c> setting but those of <c>hotplug.cluster</c> that may differ from member to member
/// (all but <c>shards</c>, which routes slices and must be the same everywhere):
/// a member runs a submitter's slices only when its hash and model version equal the submitter's, so every host of a
/// fleet runs with the same defaults wherever it lands.
/// </summary>
public static class ConfigFingerprint
{
    /// <summary>The first 12 hex digits of SHA-256 over the sorted <c>path = value</c> lines of <paramref name="root"/>'s hotplug settings.</summary>
    public static string Of(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var hotplug = root.GetConfig("hotplug");
        var lines = hotplug.Entries
            .Where(e => !e.Key.StartsWith("cluster.", StringComparison.Ordinal) || e.Key == "cluster.shards")
            .Select(e => $"{e.Key} = {e.Value}")
            .Order(StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return Convert.ToHexStringLower(hash)[..12];
    }
}
