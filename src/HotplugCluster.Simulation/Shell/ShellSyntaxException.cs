namespace HotplugCluster.Simulation.Shell;

/// <summary>A line the shell cannot parse; the message names the script and line (<c>script.sh:3: …</c>).</summary>
public sealed class ShellSyntaxException : Exception
{
    public ShellSyntaxException()
    {
    }

    public ShellSyntaxException(string message)
        : base(message)
    {
    }

    public ShellSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error at <paramref name="line"/> of <paramref name="source"/>.</summary>
    public ShellSyntaxException(string source, int line, string message)
        : base($"{source}:{line}: {message}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>The 1-based line the error is on (0 when unknown).</summary>
    public int Line { get; }
}
