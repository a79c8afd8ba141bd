namespace HotplugCluster.Fleet.Configuration;

/// <summary>
/// What the fill operation allocates on each node of a host of one class: <see cref="Fill"/> is the fraction of the
/// node's managed memory in use afterwards; <see cref="Unmovable"/> and <see cref="Pinned"/> are shares of what the
/// fill allocates (the rest is movable). Every value is drawn per host and node from the host's seed.
/// </summary>
public sealed record WorkloadSettings(Distribution Fill, Distribution Unmovable, Distribution Pinned);
