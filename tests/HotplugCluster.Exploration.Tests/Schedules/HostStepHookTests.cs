using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Exploration.Tests.Schedules;

/// <summary>The per-step hook the explorer checks invariants from: every work step, after its events, with the held locks.</summary>
public sealed class HostStepHookTests
{
    [Fact]
    public void OnStep_sees_every_work_step_with_its_events_applied_and_the_operations_locks()
    {
        var seen = new List<(string OpId, string Step, string[] Held, string State)>();
        SimulatedHost? host = null;
        host = SimulatedHost.Boot(SimHosts.Config(SimHosts.MiB(256), cxlGiB: 1), new SimulatedHostOptions
        {
            OnStep = s => seen.Add((s.OpId, s.Step.Name, [.. s.Held.Where(h => h.OpId == s.OpId).Select(h => h.Lock.ToString())],
                host?.Read("/sys/devices/system/memory/memory256/state").Content ?? "")),
        });
        using var _ = host;
        var bootSteps = seen.Count;
        Assert.True(bootSteps > 0, "boot's kmem probe runs work steps too");

        Assert.True(host.Write("/sys/devices/system/memory/memory256/state", "online_movable").Ok);
        var online = seen.Skip(bootSteps).ToList();
        var workSteps = host.StepsOf(online[0].OpId).Where(s => !s.StartsWith("lock ", StringComparison.Ordinal) && !s.StartsWith("unlock ", StringComparison.Ordinal));
        Assert.Equal(workSteps.Count(), online.Count);
        var adjust = online.Single(s => s.Step == "online_pages: adjust_present_page_count");
        Assert.Equal(["DeviceHotplug", "MemoryBlockDevice(memory256)", "MemHotplug"], adjust.Held);
        Assert.Equal("offline\n", adjust.State);

        // The step that sets the block's state has applied it when the hook runs.
        Assert.Equal("online\n", online.Single(s => s.Step == "memory_block_online: set state").State);
        Assert.All(online, s => Assert.Equal(online[0].OpId, s.OpId));
    }

    [Fact]
    public void A_bug_switch_boots_with_lock_enforcement_off_as_the_sequential_model_does()
    {
        var settings = SimHosts.Config(SimHosts.MiB(256), cxlGiB: 1, bugs: KernelBugs.AddRemoveWithoutDeviceHotplugLock);

        // Boot's kmem probe runs add_memory_driver_managed() without device_hotplug_lock: it must not fault.
        using var host = SimulatedHost.Boot(settings);
        Assert.False(host.EnforceLocks);
        Assert.Contains("System RAM (kmem)", host.Read("/proc/iomem").Content, StringComparison.Ordinal);
        using var fixedHost = SimulatedHost.Boot(SimHosts.Config(SimHosts.MiB(256), cxlGiB: 1));
        Assert.True(fixedHost.EnforceLocks);
    }
}
