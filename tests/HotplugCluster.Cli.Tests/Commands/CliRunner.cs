using System.CommandLine;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>Runs <c>hotplug</c> in-process with the repository root's absolute path written as <c>ROOT</c> in arguments and output.</summary>
internal static class CliRunner
{
    public static readonly string RepoRoot = FindRepoRoot();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var resolved = args.Select(a => a.Replace("ROOT", RepoRoot, StringComparison.Ordinal)).ToArray();
        var code = Dispatch.Invoke(Program.BuildRoot(), resolved, new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString().Replace(RepoRoot, "ROOT", StringComparison.Ordinal));
    }

    /// <summary>Compares with a golden file under Golden/ (rewritten when HOTPLUG_UPDATE_GOLDEN=1).</summary>
    public static void AssertGolden(string golden, string actual)
    {
        var path = Path.Combine(RepoRoot, "tests", "HotplugCluster.Cli.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("HOTPLUG_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Xunit.Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }
}
