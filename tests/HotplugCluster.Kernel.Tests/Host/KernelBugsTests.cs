using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>§8 bug switches: with the switch on the scenario finds the bug, with it off it does not.</summary>
public sealed class KernelBugsTests
{
    private static KernelHost BootWith(KernelBugs bugs)
    {
        var s = Config(MiB(256));
        return KernelHost.Boot(s with { Kernel = s.Kernel with { Bugs = bugs } });
    }

    [Theory]
    [InlineData(KernelBugs.None, false)]
    [InlineData(KernelBugs.UnpairedMemHotplugBeginOnRemove, true)]
    public void Kmem_unbind_with_online_memory_leaks_mem_hotplug_lock_only_with_bug_6(KernelBugs bugs, bool deadlocks)
    {
        // §8 seed (b): unbind while a block is online, then any other hotplug operation.
        var host = BootWith(bugs);
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online").Ok);
        var unbind = new DaxDriverRelease("dax0.0", Kernel.Dax.DaxDriver.Kmem);
        var online = new StateStore(new BlockId(ids[1]), "online", null);
        var run = () => host.RunInterleaved([unbind, online], _ => 0);
        if (deadlocks)
        {
            var ex = Assert.Throws<InvalidOperationException>(run);
            Assert.Contains("deadlock", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            run();
            Assert.Null(online.Error);
        }
    }
}
