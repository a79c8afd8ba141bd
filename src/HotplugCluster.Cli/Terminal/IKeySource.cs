namespace HotplugCluster.Cli.Terminal;

/// <summary>Where a <see cref="LineEditor"/> reads keys: the console, or a fake in tests.</summary>
internal interface IKeySource
{
    /// <summary>The next key the user pressed, not echoed.</summary>
    ConsoleKeyInfo ReadKey();
}
