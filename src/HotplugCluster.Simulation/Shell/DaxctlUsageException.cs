namespace HotplugCluster.Simulation.Shell;

/// <summary>daxctl stopped before touching sysfs (a bad option, a missing device): what it printed, and its exit status.</summary>
internal sealed class DaxctlUsageException(string output, int status) : Exception(output)
{
    public string Output { get; } = output;

    public int Status { get; } = status;
}
