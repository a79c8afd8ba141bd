namespace HotplugCluster.Cli.Commands;

/// <summary>An output file or folder a command was told to write cannot be written there (bad input: exit 2).</summary>
internal sealed class OutputFileException(string message) : Exception(message);
