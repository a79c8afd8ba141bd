using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Tests;

/// <summary>The repository's files the tests read: reference.conf and the fleets under config/.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>reference.conf under a fleet file and HOCON overrides, resolved as the CLI resolves them.</summary>
    public static Config Load(string fleet, params string[] overrides)
    {
        var config = ConfigFactory.ParseFile(Path.Combine(Root, fleet));
        foreach (var o in overrides)
        {
            config = ConfigFactory.ParseString(o).WithFallback(config);
        }

        return config.WithFallback(ConfigFactory.ParseFile(Path.Combine(Root, "config", "reference.conf"))).Resolve(new ConfigResolveOptions { UseEnvironment = false });
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HotplugCluster.sln not found above the test binaries");
    }
}
