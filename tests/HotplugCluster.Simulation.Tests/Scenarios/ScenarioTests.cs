using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Scenarios;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Scenarios;

/// <summary>
/// Scenario files (host + operations) and the quickstart's exact meminfo figures (docs/kernel-model.md, "Accounting
/// rules").
/// </summary>
public sealed class ScenarioTests
{
    private static ScenarioResult Quickstart()
    {
        var scenario = ScenarioConfig.Read(TestRepo.LoadFile("config/scenarios/quickstart.conf"), "config/scenarios/quickstart.conf");
        return ScenarioRunner.Run(scenario, KernelHostConsole.Boot(scenario.Host));
    }

    [Fact]
    public void Quickstart_runs_every_operation_successfully()
    {
        var result = Quickstart();
        Assert.Equal(9, result.Steps.Count);
        Assert.All(result.Steps, s => Assert.Equal(0, s.Status));
        Assert.Equal("onlined memory for 1 device\n", result.Steps[3].Output);
        Assert.Equal("Movable\n", result.Steps[4].Output);
    }

    [Fact]
    public void Quickstart_meminfo_deltas_are_the_kernel_figures()
    {
        var result = Quickstart();
        var before = result.Before;
        var (hotAdd, online, offline, remove) = (result.Steps[1].After, result.Steps[3].After, result.Steps[6].After, result.Steps[7].After);

        // Boot: node 0 carries device_dax's own memmap for the 1 GiB devdax device: 1/256 = 4096 kB
        // (devm_memremap_pages()).
        Assert.Equal(4096UL, before.Kb(0, "MemUsed"));

        // Hot-add with memmap_on_memory: device_dax's memmap is freed; node 0 pays only the kernel's own allocations
        // (HotplugCosts): 8 section usage maps (kmalloc-64, 4 kB), 4 memory_blocks (one order-3 kmalloc-1k slab, 32 kB),
        // 52 kernfs nodes (8 kB), the direct-map PMD table of [64 GiB, 65 GiB) and the vmemmap PMD table of
        // [64 GiB, 128 GiB) (8 kB).
        Assert.Equal(before.Kb(0, "MemFree") + 4096 - 52, hotAdd.Kb(0, "MemFree"));
        Assert.Equal(0UL, hotAdd.Kb(1, "MemTotal"));

        // Online movable: 4 blocks × (262144 − 4096) kB = 4 × 258048 kB on node 1 (docs/kernel-model.md, "Memmap
        // figures"); node 0 unchanged.
        Assert.Equal(4 * 258048UL, online.Kb(1, "MemTotal"));
        Assert.Equal(4 * 258048UL, online.Kb(1, "MemFree"));
        Assert.Equal(hotAdd.Kb(0, "MemTotal"), online.Kb(0, "MemTotal"));
        Assert.Equal(hotAdd.Kb(0, "MemFree"), online.Kb(0, "MemFree"));

        // Offline takes it all back; remove re-binds device_dax, which charges its 4096 kB memmap to node 0 again, and
        // frees the page tables; the slabs the removal emptied stay (SLUB keeps up to min_partial until an offline).
        Assert.Equal(0UL, offline.Kb(1, "MemTotal"));
        Assert.Equal(before.Kb(0, "MemFree") - 44, remove.Kb(0, "MemFree"));
        Assert.Equal(before.Kb(0, "MemTotal"), result.After.Kb(0, "MemTotal"));
        Assert.Equal(before.Rows.Where(r => r.Node == 1), result.After.Rows.Where(r => r.Node == 1));
    }

    [Fact]
    public void Quickstart_report_prints_each_operation_and_the_deltas()
    {
        var report = Quickstart().Render();
        Assert.StartsWith("scenario config/scenarios/quickstart.conf: CXL expander: hot-add (memmap on memory), online movable, offline, remove\n"
            + "host: kernel 6.8, 2 NUMA node(s), 1 CXL device(s), memmap-on-memory on\n\n[1] $ cat /sys/bus/dax/devices/dax0.0/memmap_on_memory\n    1\n", report, StringComparison.Ordinal);
        Assert.Contains("[4] $ daxctl online-memory dax0.0\n    onlined memory for 1 device\n    meminfo: node1 MemTotal +1032192 kB, node1 MemFree +1032192 kB\n", report, StringComparison.Ordinal);
        Assert.Contains("    meminfo: node0 MemFree +4044 kB, node0 MemUsed -4044 kB\n", report, StringComparison.Ordinal);
        Assert.EndsWith("node  field            before        after        delta\n"
            + "0     MemTotal       16514048     16514048            0\n"
            + "0     MemFree        16509952     16509908          -44\n"
            + "0     MemUsed            4096         4140          +44\n"
            + "1     MemTotal              0            0            0\n"
            + "1     MemFree               0            0            0\n"
            + "1     MemUsed               0            0            0\n", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Memmap_off_charges_node_0_four_MiB_per_block_at_add_and_onlines_whole_blocks()
    {
        var config = TestRepo.Load("""
            host {
              kernel { memory-block-size = 256MiB, memmap-on-memory = off }
              numa-nodes = [ { cpus = 8, dram = 16GiB }, {} ]
              cxl-devices = [ { capacity = 1GiB, target-node = 1, base = 64GiB, mode = devdax } ]
            }
            operations = [ "daxctl reconfigure-device -N -m system-ram dax0.0", "daxctl online-memory dax0.0" ]
            """, "off.conf");
        var result = ScenarioRunner.Run(ScenarioConfig.Read(config, "off.conf"), KernelHostConsole.Boot(ScenarioConfig.Read(config, "off.conf").Host));

        // Hot-add: device_dax's 4096 kB memmap returns, then 4 × 4096 kB of hotplug memmap is taken from node 0, with
        // the kernel's own 52 kB of slab and page tables (as in the quickstart).
        Assert.Equal(result.Before.Kb(0, "MemFree") + 4096 - (4 * 4096) - 52, result.Steps[0].After.Kb(0, "MemFree"));
        Assert.Equal(4 * 262144UL, result.Steps[1].After.Kb(1, "MemTotal"));
    }

    [Fact]
    public void Dimm_eject_scenario_is_refused_while_unmovable_pages_sit_on_the_dimm()
    {
        var scenario = ScenarioConfig.Read(TestRepo.LoadFile("config/scenarios/dimm-eject.conf"), "dimm-eject.conf");
        var result = ScenarioRunner.Run(scenario, KernelHostConsole.Boot(scenario.Host));
        Assert.Equal([0, 0, 0, 1, 0, 0, 0], result.Steps.Select(s => s.Status));
        Assert.Equal("dimm eject: acpi_scan_hot_remove: Device or resource busy (EBUSY)\n", result.Steps[3].Output);
        Assert.Equal("acpi PNP0C80:00: Offline failed.\n", result.Steps[4].Output);
        Assert.Equal(258048UL, result.Steps[1].After.Kb(0, "MemTotal") - result.Before.Kb(0, "MemTotal"));
        // All comes back but the kernfs_node_cache slabs the DIMM's sysfs nodes emptied, which SLUB keeps until an offline.
        Assert.Equal(result.Before.Kb(0, "MemFree") - 8, result.After.Kb(0, "MemFree"));
        Assert.Equal(result.Before.Kb(0, "MemTotal"), result.After.Kb(0, "MemTotal"));
    }

    [Fact]
    public void Every_shipped_scenario_parses_and_runs()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(TestRepo.Root, "config", "scenarios"), "*.conf").Order())
        {
            var relative = Path.GetRelativePath(TestRepo.Root, file);
            var scenario = ScenarioConfig.Read(TestRepo.LoadFile(relative), relative);
            Assert.NotEmpty(ScenarioRunner.Run(scenario, KernelHostConsole.Boot(scenario.Host)).Steps);
        }
    }

    [Fact]
    public void Scenario_host_can_be_included_from_a_host_file()
    {
        var config = TestRepo.Load("include \"config/hosts/small-cxl.conf\"\noperations = [ \"daxctl online-memory dax0.0\" ]", "inc.conf");
        var scenario = ScenarioConfig.Read(config, "inc.conf");
        Assert.Equal("mem0", scenario.Host.CxlDevices[0].Name);
        var result = ScenarioRunner.Run(scenario, KernelHostConsole.Boot(scenario.Host));
        Assert.Equal(16 * 258048UL, result.After.Kb(1, "MemTotal"));
    }

    [Fact]
    public void Scenario_operation_with_bad_syntax_fails_at_its_line_and_column()
    {
        var config = TestRepo.Load("operations = [\n  \"cat /proc/meminfo\"\n  \"ls /a /b\"\n]", "bad.conf");
        Assert.Equal(
            "bad.conf:3:3: operations[1]: ls: expected exactly one PATH",
            Assert.Throws<HoconException>(() => ScenarioConfig.Read(config, "bad.conf")).Message);
    }

    [Fact]
    public void Scenario_without_operations_is_an_error()
    {
        var config = TestRepo.Load("host {}", "none.conf");
        Assert.Equal(
            "none.conf:1:1: operations: missing setting: a scenario lists its shell commands in operations = [ \"...\", ... ]",
            Assert.Throws<HoconException>(() => ScenarioConfig.Read(config, "none.conf")).Message);
    }

    [Fact]
    public void Scenario_steps_parse_as_shell_commands()
    {
        var config = TestRepo.Load("operations = [ \"# just a comment\", \"dmesg\" ]", "c.conf");
        Assert.IsType<DmesgCommand>(Assert.Single(ScenarioConfig.Read(config, "c.conf").Operations).Command);
    }
}
