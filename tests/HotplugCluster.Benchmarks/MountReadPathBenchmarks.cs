using System.Text;
using BenchmarkDotNet.Attributes;
using HotplugCluster.Hocon;
using HotplugCluster.Mount;
using HotplugCluster.Mount.Native;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Benchmarks;

/// <summary>
/// The daemon's managed work for one open+read of <c>memory8/state</c>, without FUSE: the entry and the bytes from the
/// reader's per-inode cache (what FuseOperations' Open and Read do), against the baseline of asking the host for both
/// each time (the layout walk, the rendering and the UTF-8 encoding, as before the cache).
/// </summary>
[MemoryDiagnoser]
public class MountReadPathBenchmarks
{
    private const string State = "/sys/devices/system/memory/memory8/state";
    private const ulong StateIno = 7;

    private SimulatedHost _host = null!;
    private SysfsFileSystem _fs = null!;
    private InodeCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FleetHostStartBenchmarks.FindRoot();
        var reference = ConfigFactory.ParseString(File.ReadAllText(Path.Combine(root, "config", "reference.conf")), "config/reference.conf");
        var path = Path.Combine(root, "config", "hosts", "small-cxl.conf");
        var config = ConfigFactory.ParseString(File.ReadAllText(path), path).WithFallback(reference).Resolve(ConfigResolveOptions.Default);
        _host = SimulatedHost.Boot(HostConfig.Read(config));
        _fs = new SysfsFileSystem(_host, _host.System!);
        _cache = new InodeCache(_fs);
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true)]
    public int AskTheHost() => _fs.Lookup(State)!.Value.Mode + Encoding.UTF8.GetBytes(_fs.Read(State).Content!).Length;

    [Benchmark]
    public int Cached() => _cache.Entry(StateIno, State)!.Value.Mode + _cache.Text(StateIno, State, out _)!.Length;
}
