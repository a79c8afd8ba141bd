using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>
/// Historical bug switches (docs/kernel-model.md): with the switch on the scenario finds the bug, with it off it does
/// not.
/// </summary>
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
        // Race seed (b): unbind while a block is online, then any other hotplug operation.
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

    public static TheoryData<KernelBugs> Switches()
    {
        var data = new TheoryData<KernelBugs>();
        foreach (var bug in Enum.GetValues<KernelBugs>().Where(b => b != KernelBugs.None))
        {
            data.Add(bug);
        }

        return data;
    }

    [Fact]
    public void Every_switch_is_its_own_bit()
    {
        var bugs = Enum.GetValues<KernelBugs>().Where(b => b != KernelBugs.None).ToList();
        Assert.True(bugs.Count >= 9, $"{bugs.Count} switches");
        Assert.All(bugs, b => Assert.True(System.Numerics.BitOperations.IsPow2((int)b), b.ToString()));
        Assert.Equal(bugs.Count, bugs.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void A_switch_leaves_paths_the_bug_did_not_touch_alone(KernelBugs bug)
    {
        // state-file online/offline and workload on a memmap_on_memory-off host: no switch touches these steps'
        // effects (#2 is the online file, #16 the vmemmap pages, #9 needs a pcplist fault, the rest add/remove).
        var fixedHost = Scenario(KernelBugs.None);
        var buggy = Scenario(bug);
        Assert.Equal(fixedHost.Journal.Select(e => e.ToString()), buggy.Journal.Select(e => e.ToString()));
        Assert.Empty(buggy.LeakedLocks);
    }

    private static KernelHost Scenario(KernelBugs bugs)
    {
        var host = BootWith(bugs);
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(ids[1], "state"), "online_kernel").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), Kernel.Workload.PageKind.Movable, new PageCount(5000))).Error);
        Assert.True(host.Write(Block(ids[0], "state"), "offline").Ok);
        host.Run(new WorkloadFree(new NodeId(0), Kernel.Workload.PageKind.Movable, new PageCount(5000)));
        Assert.True(host.Write(Block(ids[1], "state"), "offline").Ok);
        return host;
    }
}
