namespace HotplugCluster.Simulation.Scenarios;

/// <summary>One operation as it ran: its exit status and everything it printed.</summary>
public sealed record ScenarioStep(ScenarioOperation Operation, int Status, string Output);
