namespace HotplugCluster.Cli.Terminal;

/// <summary>Keys from the terminal on stdin; only for a stdin that is not redirected.</summary>
internal sealed class ConsoleKeySource : IKeySource
{
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);
}
