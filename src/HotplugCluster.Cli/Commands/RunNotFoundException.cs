namespace HotplugCluster.Cli.Commands;

/// <summary>A command named a run the journal does not hold.</summary>
internal sealed class RunNotFoundException(string message) : Exception(message);
