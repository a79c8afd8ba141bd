namespace HotplugCluster.Fleet.Runs;

/// <summary>Hosts <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive) of variant <see cref="Variant"/>: the unit a cluster places.</summary>
public readonly record struct FleetSlice(int Variant, int From, int To)
{
    /// <summary>Hosts in the slice.</summary>
    public int Count => To - From;

    /// <summary>"v1:20-40", the slice's key in logs and persistence ids.</summary>
    public override string ToString() => $"v{Variant}:{From}-{To}";
}
