using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Shell;

/// <summary>An <see cref="IHostConsole"/> over the sequential kernel model (<see cref="KernelHost"/>): every command runs to its end at once.</summary>
public sealed class KernelHostConsole(KernelHost host) : IHostConsole
{
    /// <summary>The model this console drives.</summary>
    public KernelHost Host { get; } = host ?? throw new ArgumentNullException(nameof(host));

    public HostState State => Host.State;

    /// <summary>Boots a host from its settings (throws <see cref="InvalidHostSettingsException"/> for an impossible topology).</summary>
    public static KernelHostConsole Boot(HostSettings settings) => new(KernelHost.Boot(settings));

    public SysfsRead Read(string path) => Host.Read(path);

    public IReadOnlyList<string>? List(string dir) => Host.List(dir);

    public SysfsWrite Write(string path, string value) => Host.Write(path, value);

    public T Run<T>(T op)
        where T : KernelOperation => Host.Run(op);
}
