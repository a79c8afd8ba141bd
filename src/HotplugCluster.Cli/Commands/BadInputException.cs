namespace HotplugCluster.Cli.Commands;

/// <summary>An argument the user must correct, found before the command's work starts (exit 2, see <see cref="Dispatch"/>).</summary>
internal sealed class BadInputException(string message) : Exception(message);
