using System.Diagnostics;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>
/// A fact that runs <c>hotplug</c> as an unprivileged user (uid and gid 65534, through setpriv): skipped, with the reason,
/// where exec is unavailable, setpriv is missing, or that user cannot read the built binaries.
/// </summary>
public sealed class UnprivilegedExecFactAttribute : FactAttribute
{
    public const string Uid = "65534";

    public UnprivilegedExecFactAttribute()
    {
        if ((ExecFactAttribute.Reason() ?? Reason()) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The setpriv arguments that drop to the unprivileged user before running the rest.</summary>
    public static string[] Setpriv => ["--reuid", Uid, "--regid", Uid, "--clear-groups", "--"];

    private static string? Reason()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "hotplug.dll");
        var start = new ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in Setpriv.Concat(["test", "-r", dll]))
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var check = Process.Start(start)!;
            check.WaitForExit();
            return check.ExitCode == 0 ? null : $"uid {Uid} cannot read {dll}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "setpriv (util-linux) is not installed";
        }
    }
}
