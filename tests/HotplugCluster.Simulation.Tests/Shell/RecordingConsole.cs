using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>Passes everything to an inner console and records each write ("path=value") and each operation run.</summary>
internal sealed class RecordingConsole(IHostConsole inner) : IHostConsole
{
    public List<string> Writes { get; } = [];

    /// <summary>The values exactly as written, trailing newline included.</summary>
    public List<string> RawValues { get; } = [];

    public List<string> Operations { get; } = [];

    public HostState State => inner.State;

    public SysfsRead Read(string path) => inner.Read(path);

    public IReadOnlyList<string>? List(string dir) => inner.List(dir);

    public SysfsWrite Write(string path, string value)
    {
        RawValues.Add(value);
        var result = inner.Write(path, value);
        Writes.Add($"{path}={value.TrimEnd('\n')}{(result.Ok ? string.Empty : " -" + result.Error!.Value.Name)}");
        return result;
    }

    public T Run<T>(T op)
        where T : KernelOperation
    {
        Operations.Add(op.Name);
        return inner.Run(op);
    }
}
