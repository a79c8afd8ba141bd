namespace HotplugCluster.Simulation.Shell;

/// <summary>What a script run came to: how many commands ran, the lines of those that failed, and whether it stopped at the first failure.</summary>
public sealed record ScriptOutcome(int Ran, IReadOnlyList<int> FailedLines, bool Stopped)
{
    /// <summary>True when every command returned 0.</summary>
    public bool Succeeded => FailedLines.Count == 0;
}
