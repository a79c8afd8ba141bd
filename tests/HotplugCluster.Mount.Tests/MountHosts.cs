using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Mount.Tests;

/// <summary>Hosts booted from the repository's config/hosts files over reference.conf.</summary>
internal static class MountHosts
{
    public static readonly string Root = FindRoot();

    public static SimulatedHost Boot(string hostFile = "config/hosts/small-cxl.conf", string extra = "")
    {
        var reference = ConfigFactory.ParseString(File.ReadAllText(Path.Combine(Root, "config", "reference.conf")), "config/reference.conf");
        var path = Path.Combine(Root, hostFile);
        var config = ConfigFactory.ParseString(extra, "extra")
            .WithFallback(ConfigFactory.ParseString(File.ReadAllText(path), hostFile, Path.GetDirectoryName(path)))
            .WithFallback(reference)
            .Resolve(new ConfigResolveOptions { UseEnvironment = false });
        return SimulatedHost.Boot(HostConfig.Read(config));
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "HotplugCluster.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test binaries");
        }

        return dir;
    }
}
