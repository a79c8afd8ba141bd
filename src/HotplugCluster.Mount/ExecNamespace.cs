using System.Diagnostics;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount;

/// <summary>
/// Runs a command in a private mount namespace (<c>unshare -m --propagation private</c>) whose /sys, /proc/meminfo,
/// /proc/iomem and /proc/zoneinfo are a <see cref="FuseMount"/>, with /dev/daxR.N nodes for the simulated dax devices (those
/// created or deleted while the command runs included, see <see cref="DaxNodes"/>) and
/// the kernel's modules hidden. The namespace is checked before the command starts (exec-setup.sh, exit 125 when refused).
/// </summary>
public static class ExecNamespace
{
    /// <summary>The exit status when the namespace could not be set up or failed its check; the command did not run.</summary>
    public const int Refused = 125;

    /// <summary>The source of the private /dev's tmpfs in mountinfo (exec-setup.sh mounts it).</summary>
    internal const string DevSource = "hotplug-dev";

    /// <summary>Why a command cannot be run here (not root, no unshare), or null.</summary>
    public static string? Unavailable()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "hotplug exec needs root (it mounts in a private mount namespace)";
        }

        return FindOnPath("unshare") is null ? "unshare(1) is not installed (package util-linux)" : null;
    }

    /// <summary>
    /// Runs <paramref name="command"/> against <paramref name="mount"/> and returns its exit status; <paramref name="started"/>
    /// gets the child. The dax nodes follow the devices that writes create or delete; <paramref name="problem"/> hears when they cannot.
    /// </summary>
    public static int Run(FuseMount mount, SysfsFileSystem fs, string runDir, IReadOnlyList<string> command, Action<Process>? started = null, Action<string>? problem = null)
    {
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(command);
        problem ??= _ => { };
        var script = Path.Combine(runDir, "exec-setup.sh");
        using (var resource = typeof(ExecNamespace).Assembly.GetManifestResourceStream("HotplugCluster.Mount.exec-setup.sh")!)
        using (var file = File.Create(script))
        {
            resource.CopyTo(file);
        }

        var start = new ProcessStartInfo("unshare") { UseShellExecute = false };
        foreach (var a in new[] { "-m", "--propagation", "private", "--", "bash", script, Path.GetDirectoryName(mount.Mountpoint)!, mount.Source })
        {
            start.ArgumentList.Add(a);
        }

        var devices = DaxNodes.Devices(fs);
        foreach (var (name, minor) in devices)
        {
            start.ArgumentList.Add("dax");
            start.ArgumentList.Add(name);
            start.ArgumentList.Add($"{SysfsLayout.DaxMajor}");
            start.ArgumentList.Add($"{minor}");
        }

        start.ArgumentList.Add("--");
        foreach (var a in command)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new MountException("unshare could not be started");
        var nodes = new DaxNodes(fs, process.Id, devices, problem);
        fs.Written += nodes.Sync;
        try
        {
            started?.Invoke(process);
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            fs.Written -= nodes.Sync;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
