using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>One timeline entry with its settings: the online type (online), the fraction, granularity and signal budget (reclaim).</summary>
public sealed record FleetOperation(FleetOperationKind Kind, OnlineType OnlineType, double Fraction, ReclaimGranularity Granularity, int SignalAfterAttempts)
{
    /// <summary>The operation's name as a fleet file writes it.</summary>
    public string Name => Kind switch
    {
        FleetOperationKind.HotAddCxl => "hot-add-cxl",
        FleetOperationKind.Online => "online",
        FleetOperationKind.Fill => "fill",
        FleetOperationKind.Reclaim => "reclaim",
        _ => "re-add",
    };
}
