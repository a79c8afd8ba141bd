namespace HotplugCluster.Exploration.Traces;

/// <summary>
/// One message of a schedule as a reader follows it: the lane, its operation id, the command, and what happened
/// (a lock taken or dropped, a work step with its owner, a read, a return value).
/// </summary>
public sealed record TraceLine(string Lane, string OpId, string Command, string Text)
{
    public override string ToString() => $"{Lane,-10} {OpId,-5} {Text}";
}
