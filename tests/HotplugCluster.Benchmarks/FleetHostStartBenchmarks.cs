using BenchmarkDotNet.Attributes;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Benchmarks;

/// <summary>
/// Hosts of the scale target (config/fleets/scale-target.conf) on one worker: started from a copy of their class's
/// boot + hot-add + online, against the baseline of every host booted and running them itself.
/// </summary>
[MemoryDiagnoser]
public class FleetHostStartBenchmarks
{
    private FleetPlan _copy = null!;
    private FleetPlan _boot = null!;

    [Params(8)]
    public int Hosts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var reference = ConfigFactory.ParseString(File.ReadAllText(Path.Combine(root, "config", "reference.conf")), "config/reference.conf");
        var path = Path.Combine(root, "config", "fleets", "scale-target.conf");
        var config = ConfigFactory.ParseString($"fleet.sweep.count = [{Hosts}]\nfleet.parallelism = 1", "bench")
            .WithFallback(ConfigFactory.ParseString(File.ReadAllText(path), path))
            .WithFallback(reference)
            .Resolve(ConfigResolveOptions.Default);
        _copy = FleetConfig.Read(config, path) with { HostStart = FleetHostStart.Copy };
        _boot = _copy with { HostStart = FleetHostStart.Boot };
    }

    [Benchmark(Baseline = true)]
    public FleetResult Boot() => FleetRunner.Run(_boot);

    [Benchmark]
    public FleetResult Copy() => FleetRunner.Run(_copy);

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HotplugCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
