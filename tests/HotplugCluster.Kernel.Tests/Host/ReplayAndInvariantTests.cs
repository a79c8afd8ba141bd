using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary>
/// Model-based random runs: random sysfs writes and workload operations, with accounting invariants after
/// every operation and a journal replay that must answer every read the same (DESIGN: Apply rebuilds state).
/// </summary>
public sealed class ReplayAndInvariantTests
{
    public static TheoryData<int, MemmapOnMemoryMode, KernelVersion> Seeds()
    {
        var data = new TheoryData<int, MemmapOnMemoryMode, KernelVersion>();
        for (var seed = 1; seed <= 12; seed++)
        {
            data.Add(seed, seed % 2 == 0 ? MemmapOnMemoryMode.On : MemmapOnMemoryMode.Off, seed % 3 == 0 ? KernelVersion.V6_1 : KernelVersion.V6_8);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_operations_keep_the_accounting_invariants_and_replay_exactly(int seed, MemmapOnMemoryMode mode, KernelVersion version)
    {
        var settings = Config(MiB(256), mode, cxlGiB: 2, version: version, policy: seed % 4 == 1 ? OnlinePolicy.AutoMovable : OnlinePolicy.ContigZones);
        var host = KernelHost.Boot(settings);
        host.SignalAfterAttempts = 3;
        var random = new Random(seed);
        var step = 0;
        try
        {
            for (step = 0; step < 300; step++)
            {
                RandomOperation(host, random);
                CheckInvariants(host.State);
            }

            var replayed = KernelHost.Replay(settings, host.Journal);
            Assert.Equal(SysfsTree.Snapshot(host.State), SysfsTree.Snapshot(replayed));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"seed {seed} failed at step {step}: {ex.Message}", ex);
        }
    }

    [Fact]
    public void State_write_takes_the_locks_in_the_kernel_order()
    {
        // Documentation/core-api/memory-hotplug.rst "Locking Internals": device_hotplug_lock → device_lock(memoryN) →
        // mem_hotplug_lock, released in reverse.
        var host = Boot(MiB(256));
        host.RecordSteps = true;
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online").Ok);
        var locks = host.StepLog.Where(s => s.Kind != StepKind.Work).Select(s => s.ToString()).ToArray();
        Assert.Equal(
            [
                "lock DeviceHotplug", "lock MemoryBlockDevice(memory256)", "lock MemHotplug",
                "unlock MemHotplug", "unlock MemoryBlockDevice(memory256)", "unlock DeviceHotplug",
            ],
            locks);
        Assert.Contains(host.StepLog, s => s.Name == "online_pages: MEM_GOING_ONLINE" && s.Lock == KernelLock.MemHotplug);

        // Each step names the instance it touches, so the actor layer can route it.
        Assert.Equal("node1", host.StepLog.Single(s => s.Name == "online_pages: adjust_present_page_count").Target);
        Assert.Equal("memory256", host.StepLog.Single(s => s.Name == "memory_block_online: set state").Target);
    }

    [Fact]
    public void Memory_block_slot_stays_compact()
    {
        // DESIGN: 41M blocks in ≤ 16 GiB; the per-block struct must stay at tens of bytes.
        Assert.True(System.Runtime.CompilerServices.Unsafe.SizeOf<MemoryBlock>() <= 64);
    }

    private static void RandomOperation(KernelHost host, Random random)
    {
        var blocks = host.State.Blocks.Registered().Select(b => b.Id.Value).ToArray();
        var block = blocks.Length == 0 ? 0u : blocks[random.Next(blocks.Length)];
        switch (random.Next(12))
        {
            case 0 or 1 or 2:
                string[] states = ["online", "offline", "online_kernel", "online_movable", "bogus"];
                host.Write(Block(block, "state"), states[random.Next(states.Length)]);
                break;
            case 3:
                host.Write(Block(block, "online"), random.Next(2).ToString());
                break;
            case 4:
                var kind = (PageKind)random.Next(3);
                host.Run(new WorkloadAllocate(new NodeId(random.Next(2)), kind, new PageCount((ulong)random.Next(1, 20000))));
                break;
            case 5:
                host.Run(new WorkloadFree(new NodeId(random.Next(2)), (PageKind)random.Next(3), new PageCount((ulong)random.Next(1, 5000))));
                break;
            case 6:
                var driver = random.Next(2) == 0 ? "kmem" : "device_dax";
                string[] driverFiles = ["bind", "unbind", "new_id", "remove_id"];
                host.Write($"/sys/bus/dax/drivers/{driver}/{driverFiles[random.Next(driverFiles.Length)]}", "dax0.0");
                break;
            case 7:
                host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error", random.Next(4) == 0 ? "-16" : "0");
                host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", random.Next(4) == 0 ? "-12" : "0");
                break;
            case 10:
                var devices = host.State.Dax.Devices.Select(d => d.Name).ToArray();
                var dev = devices[random.Next(devices.Length)];
                string[] sizes = ["0", (256UL << 20).ToString(), (1UL << 30).ToString(), (2UL << 30).ToString()];
                host.Write($"/sys/bus/dax/devices/{dev}/size", sizes[random.Next(sizes.Length)]);
                host.Write("/sys/bus/cxl/devices/dax_region0/dax_region/create", "1");
                host.Write("/sys/bus/cxl/devices/dax_region0/dax_region/delete", devices[random.Next(devices.Length)]);
                break;
            case 11:
                var name = host.State.Dax.Devices[random.Next(host.State.Dax.Devices.Count)].Name;
                string[] files = ["bind", "unbind", "new_id", "remove_id"];
                host.Write($"/sys/bus/dax/drivers/{(random.Next(2) == 0 ? "kmem" : "device_dax")}/{files[random.Next(files.Length)]}", name);
                break;
            case 8:
                host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(32UL << 30), GiB(1)));
                break;
            default:
                host.Run(new AcpiMemoryDeviceEject("dimm0", 3));
                break;
        }
    }

    private static void CheckInvariants(HostState s)
    {
        var perBlock = s.Blocks.PagesPerBlock;
        foreach (var node in s.Nodes)
        {
            foreach (var zone in node.Zones)
            {
                var inNode = s.Blocks.Registered().Where(b => b.Nid == node.Id && b.State != MemoryBlockState.Offline).ToList();
                var online = inNode.Where(b => b.PageZone == zone.Type).ToList();
                var present = inNode.Aggregate(PageCount.Zero, (a, b) => a + BootZones.BlockPresentIn(s, b, zone.Type));
                Assert.Equal(present, zone.Present);
                var vmemmap = online.Aggregate(PageCount.Zero, (a, b) => a + b.VmemmapPages);
                var reserved = inNode.Aggregate(PageCount.Zero, (a, b) => a + BootZones.BlockReservedIn(s, b, zone.Type));
                Assert.Equal(present, zone.Managed + vmemmap + reserved);
                var used = online.Aggregate(PageCount.Zero, (a, b) => a + b.UsedPages);
                Assert.Equal(used, zone.Allocated);
                foreach (var b in online)
                {
                    Assert.True(zone.Intersects(s.Blocks.StartPfnOf(b.Id), perBlock), $"{b.Id} outside the {zone.Type} span");
                }
            }
        }

        foreach (var g in s.Groups.All)
        {
            var pages = s.Blocks.Registered().Where(b => b.GroupId == g.Id && b.State != MemoryBlockState.Offline).Count() * (long)perBlock.Value;
            Assert.Equal((ulong)pages, (g.PresentKernelPages + g.PresentMovablePages).Value);
        }

        foreach (var b in s.Blocks.Registered().Where(b => !b.Early))
        {
            var start = s.Blocks.StartOf(b.Id);
            Assert.False(s.Resources.CanRequest(start, s.BlockSize), $"{b.Id} has no busy System RAM resource");
        }
    }
}
