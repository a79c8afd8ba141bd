using System.Diagnostics;
using HotplugCluster.Cli.Tests.Commands;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>Runs the built <c>hotplug</c> as a child process (exec hands its terminal to the command, so it cannot run in-process); kills it if the test ends first.</summary>
internal static class HotplugProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hotplug.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a.Replace("ROOT", CliRunner.RepoRoot, StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                throw new TimeoutException($"hotplug {string.Join(' ', args)} did not exit");
            }

            return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
