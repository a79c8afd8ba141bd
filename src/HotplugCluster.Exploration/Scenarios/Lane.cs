using HotplugCluster.Simulation.Scenarios;
namespace HotplugCluster.Exploration.Scenarios;

/// <summary>
/// One concurrent lane of a stress scenario: a named thread of commands run in order; its next command starts when
/// the previous one returns, while the other lanes' commands run (docs/exploration.md).
/// </summary>
public sealed record Lane(string Name, IReadOnlyList<ScenarioOperation> Commands);
