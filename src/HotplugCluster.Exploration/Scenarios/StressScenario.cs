using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Exploration.Scenarios;

/// <summary>
/// A race scenario for <c>hotplug stress</c>: a host, <see cref="Setup"/> commands run one after another after boot,
/// concurrent <see cref="Lanes"/>, the fault sites each schedule arms from its seed, and final expectations.
/// <see cref="Identity"/> is a digest of everything that decides a schedule's run, so a saved trace can tell whether
/// it belongs to this scenario.
/// </summary>
public sealed record StressScenario(
    string Source,
    string? Description,
    HostSettings Host,
    IReadOnlyList<ScenarioOperation> Setup,
    IReadOnlyList<Lane> Lanes,
    FaultSite Faults,
    IReadOnlyList<Expectation> Expectations,
    string Identity);
