namespace HotplugCluster.Cli.Fleet;

/// <summary>How fast and how big a fleet run was: wall time, throughput, memory per block actor, peak RSS and the up-front estimate.</summary>
internal sealed record FleetPerformance(double ElapsedSeconds, long Hosts, long Blocks, double BytesPerBlock, long PeakRssBytes, long EstimateBytes)
{
    public double HostsPerSecond => ElapsedSeconds <= 0 ? 0 : Hosts / ElapsedSeconds;

    public double BlocksPerSecond => ElapsedSeconds <= 0 ? 0 : Blocks / ElapsedSeconds;
}
