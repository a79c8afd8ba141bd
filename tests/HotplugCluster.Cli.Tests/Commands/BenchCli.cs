using System.CommandLine;
using System.Text.Json;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>Runs a <c>hotplug bench</c> command in process and reads its one JSON object of figures.</summary>
internal static class BenchCli
{
    public static Dictionary<string, double> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? throw new InvalidOperationException($"not a JSON object: {json}");

    public static (int ExitCode, string Output) Run(string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
