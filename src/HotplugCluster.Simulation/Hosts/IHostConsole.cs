using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// What a user at a simulated host's console can do: read, list and write its sysfs, and start a kernel
/// operation that has no sysfs file (a DIMM hot-add, a workload allocation). The <c>hotplug sysfs</c> shell
/// and scenario runs drive a host only through this, so the same script runs against the sequential model
/// (<see cref="KernelHost"/>) and against the host's actors.
/// </summary>
public interface IHostConsole
{
    /// <summary>The host's state; read it only between commands (no operation in flight).</summary>
    HostState State { get; }

    /// <summary><c>cat path</c>.</summary>
    SysfsRead Read(string path);

    /// <summary><c>ls dir</c>, or null when the directory does not exist.</summary>
    IReadOnlyList<string>? List(string dir);

    /// <summary><c>echo value &gt; path</c>: the byte count written or the errno.</summary>
    SysfsWrite Write(string path, string value);

    /// <summary>Runs an operation to its end and returns it with its Error / ReturnValue set.</summary>
    T Run<T>(T op)
        where T : KernelOperation;
}
