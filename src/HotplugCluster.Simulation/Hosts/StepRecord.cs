namespace HotplugCluster.Simulation.Hosts;

/// <summary>One executed step of one operation: a lock taken or dropped, or a work step run by its owner.</summary>
public sealed record StepRecord(string OpId, string Step)
{
    public override string ToString() => $"{OpId}: {Step}";
}
