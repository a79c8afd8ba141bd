namespace HotplugCluster.Fleet.Configuration;

/// <summary>How a <see cref="Distribution"/> draws.</summary>
public enum DistributionKind
{
    /// <summary>Always the same value.</summary>
    Constant = 0,

    /// <summary>Uniform between min and max.</summary>
    Uniform = 1,

    /// <summary>Normal with mean and standard deviation, clipped to min..max.</summary>
    Normal = 2,
}
