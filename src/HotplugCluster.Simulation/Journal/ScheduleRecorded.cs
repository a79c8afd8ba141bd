namespace HotplugCluster.Simulation.Journal;

/// <summary>A chunk of the scheduler's recorded choices (the actor system's trace bytes), in order.</summary>
public sealed record ScheduleRecorded(int Chunk, byte[] Trace);
