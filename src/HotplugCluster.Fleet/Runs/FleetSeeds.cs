namespace HotplugCluster.Fleet.Runs;

/// <summary>Per-host seeds: a SplitMix64 mix of the fleet seed and the host's index, so a host's draws never depend on scheduling or on other hosts.</summary>
public static class FleetSeeds
{
    /// <summary>The seed of host <paramref name="hostIndex"/> (its index within a variant: every variant sees the same draws).</summary>
    public static long ForHost(long fleetSeed, int hostIndex)
    {
        unchecked
        {
            var z = (ulong)fleetSeed + (0x9E3779B97F4A7C15UL * ((ulong)hostIndex + 1));
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)(z ^ (z >> 31));
        }
    }
}
