using System.Diagnostics;
using Xunit;

namespace HotplugCluster.Cli.Tests.Fleet;

/// <summary>
/// A fact that needs headless Chromium: tests/scripts/fleet/render-report.sh --install-only finds it or installs it
/// (apt-get install -y chromium); only when that is impossible is the test skipped, with the script's reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(Locate);

    public ChromiumFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The render script's path.</summary>
    public static string Script => Path.Combine(FleetCommandTests.RepoRoot, "tests", "scripts", "fleet", "render-report.sh");

    private static string? Locate()
    {
        var start = new ProcessStartInfo("bash", [Script, "--install-only"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode switch
        {
            0 => null,
            77 => stderr.Result.Split('\n').LastOrDefault(l => l.StartsWith("SKIP: ", StringComparison.Ordinal))?[6..] ?? "chromium cannot be installed",
            _ => null, // Any other failure is the test's to report, not a reason to skip.
        };
    }
}
