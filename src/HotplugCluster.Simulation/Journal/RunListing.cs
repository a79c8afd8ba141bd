namespace HotplugCluster.Simulation.Journal;

/// <summary>A run as <c>hotplug journal list</c> lists it: its summary, or why it cannot be read.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Summary">The run's metadata and event count; null when the run is damaged.</param>
/// <param name="Damage">Why the run cannot be read (the journal error, naming <c>persistence-id#seq</c> where it can); null when it can.</param>
public sealed record RunListing(string RunId, RunSummary? Summary, string? Damage);
