namespace HotplugCluster.Cli.Terminal;

/// <summary>Lines from a reader that is not a terminal (a pipe, a file): the prompt, then one line, no editing.</summary>
internal sealed class PlainLineSource(TextReader input, TextWriter output) : ILineSource
{
    public string? ReadLine(string prompt)
    {
        output.Write(prompt);
        return input.ReadLine();
    }
}
