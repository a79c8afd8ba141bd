using HotplugCluster.Exploration.Schedules;
namespace HotplugCluster.Exploration.Traces;

/// <summary>A minimised failing schedule: its outcome replayed with detail (the readable trace), and how many replays minimisation took.</summary>
public sealed record Minimised(ScheduleOutcome Outcome, int Replays);
