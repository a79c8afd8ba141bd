using System.Diagnostics;
using HotplugCluster.Cli.Tests.Commands;
using HotplugCluster.Kernel.Sysfs;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary><c>hotplug exec</c>'s namespace: refused in one line without root, and dax nodes that follow devices created while the command runs.</summary>
[Collection(ExecRuns.Name)]
public sealed class ExecCommandTests
{
    [UnprivilegedExecFact]
    public void Exec_as_a_user_fails_in_one_line_and_mounts_nothing()
    {
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in UnprivilegedExecFactAttribute.Setpriv.Concat(["dotnet", Path.Combine(AppContext.BaseDirectory, "hotplug.dll"),
            "exec", "--no-journal", "--host", $"{CliRunner.RepoRoot}/config/hosts/small-cxl.conf", "--", "true"]))
        {
            start.ArgumentList.Add(a);
        }

        using var user = Process.Start(start)!;
        var stderr = user.StandardError.ReadToEndAsync();
        var stdout = user.StandardOutput.ReadToEnd();
        Assert.True(user.WaitForExit(TimeSpan.FromMinutes(2)), "hotplug exec as a user did not exit");
        Assert.Equal(
            (1, "", "error: hotplug exec needs root (it mounts in a private mount namespace)\n"),
            (user.ExitCode, stdout, stderr.GetAwaiter().GetResult()));

        // setpriv execs dotnet in place: a mount that process made would carry its pid in its source (hotplug:PID:TOKEN).
        Assert.DoesNotContain($" hotplug:{user.Id}:", File.ReadAllText("/proc/self/mountinfo"), StringComparison.Ordinal);
    }

    [ExecFact]
    public void Dax_nodes_follow_the_devices_real_daxctl_creates_and_destroys_while_it_runs()
    {
        // libdaxctl's add_dax_dev() stat()s /dev/daxR.N for the device's numbers and skips a device without one ("add_dev()
        // failed"), so daxctl create-device only succeeds when the node of the new device exists as the kernel's devtmpfs makes it.
        const string Script = """
            nodes() { echo "dev: $(ls /dev | grep '^dax' | tr '\n' ' ')sysfs: $(ls /sys/bus/dax/devices | tr '\n' ' ')"; }
            daxctl disable-device dax0.0 >/dev/null 2>&1
            daxctl destroy-device dax0.0 >/dev/null 2>&1
            daxctl create-device -r 0 -s 1g 2>&1 >/dev/null; echo "create rc=$?"
            echo "$(stat -c '%F %a %Hr:%Lr' /dev/dax0.1) $(cat /sys/bus/dax/devices/dax0.1/dev)"
            nodes
            daxctl disable-device dax0.1 >/dev/null 2>&1
            daxctl destroy-device dax0.1 2>&1; echo "destroy rc=$?"
            nodes
            """;
        var run = HotplugProcess.Run("exec", "--no-journal", "--host", "ROOT/tests/HotplugCluster.Cli.Tests/Exec/dax-host.conf", "--", "bash", "-c", Script);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
            string.Join('\n',
                "created 1 device",
                "create rc=0",
                $"character special file 600 {SysfsLayout.DaxMajor}:1 {SysfsLayout.DaxMajor}:1",
                "dev: dax0.0 dax0.1 sysfs: dax0.0 dax0.1 ",
                "destroyed 1 device",
                "destroy rc=0",
                "dev: dax0.0 sysfs: dax0.0 ",
                ""),
            run.Stdout);
    }
}
