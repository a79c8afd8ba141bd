namespace HotplugCluster.Fleet.Configuration;

/// <summary>How each host of a fleet reaches the end of the timeline's leading hot-add-cxl and online operations (<c>fleet.host-start</c>).</summary>
public enum FleetHostStart
{
    /// <summary>The class runs them once; every host starts from a copy of that host's state and event log.</summary>
    Copy = 0,

    /// <summary>Every host boots and runs them itself (what a copy is checked against).</summary>
    Boot = 1,
}
