namespace HotplugCluster.Simulation.Scenarios;

/// <summary>One operation as it ran: its exit status, everything it printed, and the node meminfo after it.</summary>
public sealed record ScenarioStep(ScenarioOperation Operation, int Status, string Output, NodeMeminfo After);
