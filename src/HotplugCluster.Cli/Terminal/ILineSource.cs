namespace HotplugCluster.Cli.Terminal;

/// <summary>Where an interactive shell reads its command lines.</summary>
internal interface ILineSource
{
    /// <summary>Shows <paramref name="prompt"/> and returns the next line, or null at end of input.</summary>
    string? ReadLine(string prompt);
}
