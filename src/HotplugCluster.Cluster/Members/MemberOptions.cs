using HotplugCluster.Cluster.Slices;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Members;

/// <summary>
/// How to start a member: the project's resolved configuration (our settings and Akka's), the role, and the model
/// version it runs; <see cref="Compute"/> replaces the fleet computation (tests), <see cref="SeedNodes"/> empty means
/// the member starts a new cluster of its own. Hostname and port come from <c>akka.remote.dot-netty.tcp</c>.
/// </summary>
public sealed record MemberOptions(Config Root, string Role, string ModelVersion)
{
    /// <summary>Addresses of seed nodes (akka.tcp://hotplug@HOST:PORT); empty: the akka section's, and when that is empty too, this member alone.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Akka HOCON laid over everything else (tests and the CLI's --hostname / --port).</summary>
    public string Overrides { get; init; } = "";

    /// <summary>The slice computation; null runs fleet slices (<see cref="FleetSliceCompute"/>).</summary>
    public Func<SliceWork, byte[]>? Compute { get; init; }

    /// <summary>Gets a line when a slice starts or ends on this member (see <see cref="SliceWorkers"/>); null: nothing is reported.</summary>
    public Action<string>? Report { get; init; }
}
