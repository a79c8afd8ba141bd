using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Fleet.Tests.Configuration;

public sealed class FleetConfigTests
{
    private const string TwoNodeHost =
        "host { kernel { memory-block-size = 128MiB }, numa-nodes = [ { id = 0, cpus = 2, dram = 2GiB }, { id = 1 } ], cxl-devices = [ { capacity = 1GiB, target-node = 1 } ] }";

    [Fact]
    public void Cxl_expansion_sweep_is_the_cartesian_product_first_axis_slowest()
    {
        var plan = FleetConfig.Read(TestRepo.LoadFile("config/fleets/cxl-expansion.conf"));

        Assert.Equal(12, plan.Variants.Length);
        Assert.Equal("memmap-on-memory=off, memory-block-size=128MiB, online-policy=contig-zones", plan.Variants[0].Label);
        Assert.Equal("memmap-on-memory=off, memory-block-size=128MiB, online-policy=auto-movable", plan.Variants[1].Label);
        Assert.Equal("memmap-on-memory=on, memory-block-size=2GiB, online-policy=auto-movable", plan.Variants[11].Label);
        var last = plan.Variants[11].Classes[0].Host.Kernel;
        Assert.Equal(MemmapOnMemoryMode.On, last.MemmapOnMemory);
        Assert.Equal(ByteSize.FromGiB(2), last.MemoryBlockSize);
        Assert.Equal(OnlinePolicy.AutoMovable, last.OnlinePolicy);
        Assert.Equal(ByteSize.FromMiB(128), plan.Variants[0].Classes[0].Host.Kernel.MemoryBlockSize);
    }

    [Fact]
    public void Scale_target_is_the_issue_host_as_one_variant_of_ten_thousand()
    {
        // Issue 7's target: 2 DRAM nodes of 256 GiB, 4 CXL devices of 256 GiB, 256 MiB blocks; hot-add, online, fill, reclaim 25%.
        var plan = FleetConfig.Read(TestRepo.LoadFile("config/fleets/scale-target.conf"));

        var variant = Assert.Single(plan.Variants);
        var cls = Assert.Single(variant.Classes);
        Assert.Equal(10_000, variant.HostCount);
        Assert.Equal(ByteSize.FromMiB(256), cls.Host.Kernel.MemoryBlockSize);
        Assert.Equal(MemmapOnMemoryMode.On, cls.Host.Kernel.MemmapOnMemory);
        Assert.Equal(OnlinePolicy.AutoMovable, cls.Host.Kernel.OnlinePolicy);
        Assert.Equal(4, cls.Host.CxlDevices.Length);
        Assert.All(cls.Host.CxlDevices, d => Assert.Equal(ByteSize.FromGiB(256), d.Capacity));
        Assert.Equal(6_144, FleetEstimate.BlocksPerHost(cls.Host));
        Assert.Equal(
            [FleetOperationKind.HotAddCxl, FleetOperationKind.Online, FleetOperationKind.Fill, FleetOperationKind.Reclaim],
            variant.Timeline.Select(o => o.Kind));
        Assert.Equal(0.25, variant.Timeline[3].Fraction);
    }

    [Fact]
    public void Hot_add_timeline_starts_cxl_devices_under_device_dax()
    {
        var plan = FleetConfig.Read(TestRepo.LoadFile("config/fleets/smoke.conf"));

        Assert.All(plan.Variants.SelectMany(v => v.Classes).SelectMany(c => c.Host.CxlDevices), d => Assert.Equal(CxlDeviceMode.Devdax, d.Mode));
        Assert.Equal(
            [FleetOperationKind.HotAddCxl, FleetOperationKind.Online, FleetOperationKind.Fill, FleetOperationKind.Reclaim, FleetOperationKind.ReAdd],
            plan.Variants[0].Timeline.Select(o => o.Kind));
        Assert.Equal(0.5, plan.Variants[0].Timeline[3].Fraction);
        Assert.Equal(OnlineType.OnlineMovable, plan.Variants[0].Timeline[1].OnlineType);
    }

    [Fact]
    public void Workload_reads_numbers_percentages_and_distributions()
    {
        var plan = Read($$"""
            fleet {
              classes = [ { count = 2, {{TwoNodeHost}}, workload { fill = "85%", unmovable = { distribution = normal, mean = 0.1, stddev = 0.05 }, pinned = 0.01 } } ]
            }
            """);
        var w = plan.Variants[0].Classes[0].Workload;

        Assert.Equal(Distribution.Constant(0.85), w.Fill);
        Assert.Equal(DistributionKind.Normal, w.Unmovable.Kind);
        Assert.Equal((0.1, 0.05, 0.0, 1.0), (w.Unmovable.Mean, w.Unmovable.StdDev, w.Unmovable.Min, w.Unmovable.Max));
        Assert.Equal(Distribution.Constant(0.01), w.Pinned);
        Assert.Equal("class0", plan.Variants[0].Classes[0].Name);
    }

    [Fact]
    public void Sweep_over_a_timeline_setting_and_a_class_count()
    {
        var plan = Read($$"""
            fleet {
              classes = [ { {{TwoNodeHost}} } ]
              timeline = [hot-add-cxl, online, reclaim]
              sweep { op.fraction = [0.25, 0.5], count = [1, 3] }
            }
            """);

        Assert.Equal(4, plan.Variants.Length);
        Assert.Equal([0.25, 0.25, 0.5, 0.5], plan.Variants.Select(v => v.Timeline[2].Fraction));
        Assert.Equal([1, 3, 1, 3], plan.Variants.Select(v => v.HostCount));
        Assert.Equal("fraction=0.5, count=3", plan.Variants[3].Label);
    }

    // Each row: the line under fleet { } (line 5 of the file), the text the error must point at in it, and the message after FILE:LINE:COL.
    [Theory]
    [InlineData("sweep { host.kernel.memmap-on-memroy = [off, on] }", "[off", "fleet.sweep: unknown setting 'host.kernel.memmap-on-memroy'")]
    [InlineData("sweep { workload.colour = [red] }", "[red", "fleet.sweep: unknown setting 'workload.colour'")]
    [InlineData("sweep { host.kernel.memmap-on-memory = on }", "on }", "fleet.sweep.host.kernel.memmap-on-memory: expected a list of values")]
    [InlineData("sweep { host.kernel.memmap-on-memory = [] }", "[]", "fleet.sweep.host.kernel.memmap-on-memory: the list of values is empty")]
    [InlineData("sweep { host.kernel.memmap-on-memory = [off, sometimes] }", "sometimes", "sweep value: fleet.classes[0] (c): host.kernel.memmap-on-memory:")]
    [InlineData("sweep { host.kernel.memory-block-size = [128MiB, 96MiB] }", "96MiB", "sweep value: fleet.classes[0] (c): host.kernel.memory-block-size: 96MiB is not a power of two")]
    [InlineData("timeline = [hot-add-cxl, defrag]", "defrag", "fleet.timeline[1]: unknown operation 'defrag'")]
    [InlineData("timeline = []", "[]", "fleet.timeline: the timeline is empty")]
    [InlineData("timeline = [{ op = online, type = online_dma }]", "{ op", "fleet.timeline[0]: type: 'online_dma' is not one of online, online_movable, online_kernel")]
    [InlineData("timeline = [{ op = reclaim, fraction = 1.5 }]", "{ op", "fleet.timeline[0]: fraction: 150% is above 100%")]
    [InlineData("timeline = [{ op = reclaim, granularity = page }]", "{ op", "fleet.timeline[0]: granularity: 'page' is not one of device, block")]
    [InlineData("parallelism = -1", "-1", "fleet.parallelism: must be 0 (one per core) or more")]
    public void Bad_fleet_settings_fail_at_their_file_line_and_column(string line, string at, string expected)
    {
        var e = Assert.Throws<HoconException>(() => Read($$"""
            fleet {
              classes = [
                { name = c, {{TwoNodeHost}} }
              ]
              {{line}}
            }
            """));
        Assert.StartsWith($"fleet.conf:5:{3 + line.IndexOf(at, StringComparison.Ordinal)}: {expected}", e.Message, StringComparison.Ordinal);
    }

    // Each row: the class body (line 3, after "    { name = c, "), the text the error must point at, and the message.
    [Theory]
    [InlineData("count = 0", "0", "fleet.classes[0].count: class 'c' is empty: count must be at least 1, found 0")]
    [InlineData("workload { fill = 1.2 }", "1.2", "fleet.classes[0].workload.fill: 120% is above 100%")]
    [InlineData("workload { fill = \"101%\" }", "\"101%", "fleet.classes[0].workload.fill: 101% is above 100%")]
    [InlineData("workload { fill = { distribution = uniform, min = 0.5, max = 1.5 } }", "1.5", "fleet.classes[0].workload.fill.max: 150% is above 100%")]
    [InlineData("workload { pinned = -0.1 }", "-0.1", "fleet.classes[0].workload.pinned: -10% is below 0%")]
    [InlineData("workload { unmovable = 0.7, pinned = 0.6 }", "0.6", "fleet.classes[0].workload.pinned: unmovable and pinned shares add up to more than 100%")]
    public void Bad_classes_fail_at_their_file_line_and_column(string body, string at, string expected)
    {
        var e = Assert.Throws<HoconException>(() => Read($$"""
            fleet {
              classes = [
                { name = c, {{body}}, {{TwoNodeHost}} }
              ]
            }
            """));
        Assert.StartsWith($"fleet.conf:3:{17 + body.IndexOf(at, StringComparison.Ordinal)}: {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_a_host_is_refused_at_the_class()
    {
        var e = Assert.Throws<HoconException>(() => Read("""
            fleet {
              classes = [
                { name = c, count = 2 }
              ]
            }
            """));
        Assert.Equal("fleet.conf:3:5: fleet.classes[0].host: class 'c' is empty: its host { ... } must give numa-nodes (and usually cxl-devices)", e.Message);
    }

    [Fact]
    public void A_fleet_without_classes_is_refused()
    {
        var e = Assert.Throws<HoconException>(() => Read("fleet { name = empty }"));
        Assert.StartsWith("config/reference.conf:", e.Message, StringComparison.Ordinal);
        Assert.Contains("fleet.classes: the fleet has no host classes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_fleet_block_is_refused()
    {
        var e = Assert.Throws<HoconException>(() => FleetConfig.Read(TestRepo.Load("host { }", "x.conf"), "x.conf"));
        Assert.Equal("x.conf:1:1: fleet: missing: a fleet file writes a root fleet { classes = [...], ... } block", e.Message);
    }

    [Fact]
    public void Host_errors_in_a_class_name_the_class_and_the_host_setting()
    {
        const string Line = "  classes = [ { name = big, host { numa-nodes = [ { id = 0, dram = 3GiB } ], kernel { memory-block-size = 2GiB } } } ]";
        var e = Assert.Throws<HoconException>(() => Read($"fleet {{\n{Line}\n}}"));
        Assert.StartsWith($"fleet.conf:2:{1 + Line.IndexOf("3GiB", StringComparison.Ordinal)}: fleet.classes[0] (big): host.numa-nodes[0].dram: 3GiB is not a multiple of the memory block size 2GiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_seeds_depend_on_fleet_seed_and_index_only()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => FleetSeeds.ForHost(42, i)).ToList();

        Assert.Equal(1000, seeds.Distinct().Count());
        Assert.Equal(seeds[7], FleetSeeds.ForHost(42, 7));
        Assert.NotEqual(seeds[7], FleetSeeds.ForHost(43, 7));
    }

    private static FleetPlan Read(string hocon) => FleetConfig.Read(TestRepo.Load(hocon, "fleet.conf"), "fleet.conf");
}
