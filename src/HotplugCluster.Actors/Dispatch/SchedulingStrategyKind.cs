namespace HotplugCluster.Actors.Dispatch;

/// <summary>The built-in strategies a deterministic dispatcher can be configured with.</summary>
public enum SchedulingStrategyKind
{
    /// <summary><see cref="FifoStrategy"/>: actors run in the order they became enabled.</summary>
    Fifo,

    /// <summary><see cref="RandomStrategy"/> seeded with the settings' seed.</summary>
    Random,
}
