using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests;

/// <summary>The repository's files (reference.conf, config/hosts, tests/scripts) and hosts booted from HOCON text.</summary>
internal static class TestRepo
{
    public static readonly string Root = FindRoot();

    public static string ReferencePath => Path.Combine(Root, "config", "reference.conf");

    /// <summary>reference.conf parsed on its own, named as the CLI names it.</summary>
    public static Config Reference { get; } = ConfigFactory.ParseString(File.ReadAllText(ReferencePath), "config/reference.conf");

    /// <summary><paramref name="hocon"/> (named <paramref name="source"/>) over reference.conf, resolved.</summary>
    public static Config Load(string hocon, string source = "host.conf") =>
        ConfigFactory.ParseString(hocon, source, Root).WithFallback(Reference).Resolve(new ConfigResolveOptions { UseEnvironment = false });

    /// <summary>A repository file over reference.conf, resolved; origins name it relative to the repository root.</summary>
    public static Config LoadFile(string relative) =>
        ConfigFactory.ParseString(File.ReadAllText(Path.Combine(Root, relative)), relative, Path.GetDirectoryName(Path.Combine(Root, relative)))
            .WithFallback(Reference).Resolve(new ConfigResolveOptions { UseEnvironment = false });

    public static HostSettings Host(string hocon) => HostConfig.Read(Load(hocon));

    public static IHostConsole Boot(string hocon) => KernelHostConsole.Boot(Host(hocon));

    /// <summary>Runs shell lines on <paramref name="shell"/> and returns everything they printed.</summary>
    public static string Sh(this HostShell shell, params string[] lines)
    {
        var output = new StringWriter { NewLine = "\n" };
        foreach (var line in lines)
        {
            shell.ExecuteLine(line, output);
        }

        return output.ToString();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }
}
