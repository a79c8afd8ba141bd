using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>
/// A scenario: a host and the shell commands to run on it, in order. Each operation keeps where it was written so a
/// later report (or error) can point at it. A run recorded by <c>hotplug exec</c> has no operations but the writes its
/// clients made, each at its scheduler step (<see cref="RecordedWrites"/>).
/// </summary>
public sealed record Scenario(string Source, string? Description, HostSettings Host, IReadOnlyList<ScenarioOperation> Operations, IReadOnlyList<RecordedWrite>? Writes = null);

/// <summary>One operation of a scenario: a parsed shell command and the place in the file it came from.</summary>
public sealed record ScenarioOperation(ShellCommand Command, ConfigOrigin Origin);
