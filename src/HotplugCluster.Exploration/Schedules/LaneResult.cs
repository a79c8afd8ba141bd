namespace HotplugCluster.Exploration.Schedules;

/// <summary>What one lane command returned in a schedule: "ok", the errno name, or a read's first line; a setup command that failed is listed under lane "setup".</summary>
public sealed record LaneResult(string Lane, string Command, string Result);
