using HotplugCluster.Kernel.Sysfs;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary><c>hotplug exec</c>'s namespace: dax nodes that follow devices created while the command runs.</summary>
[Collection(ExecRuns.Name)]
public sealed class ExecCommandTests
{
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
