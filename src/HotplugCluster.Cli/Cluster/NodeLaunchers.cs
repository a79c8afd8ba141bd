using HotplugCluster.Cluster.Local;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// How this build starts <c>hotplug node</c> children: the .NET host running the hotplug assembly this code is in, with the
/// runtime settings a member gets (<see cref="GcBudget.MemberVariables"/>) set directly, so that it does not restart itself,
/// and the capped runtimeconfig this process runs with, if any (<see cref="GcBudget.RuntimeConfig"/>).
/// </summary>
internal static class NodeLaunchers
{
    public static NodeLauncher Current
    {
        get
        {
            var assembly = typeof(Program).Assembly.Location;
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path
                ? path
                : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
            string[] prefix = GcBudget.RuntimeConfig is { } config ? ["exec", "--runtimeconfig", config, assembly] : [assembly];
            return new NodeLauncher(host, [.. prefix], [.. GcBudget.MemberVariables()]);
        }
    }
}
