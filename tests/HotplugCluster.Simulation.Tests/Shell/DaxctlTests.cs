using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>
/// daxctl over sysfs only, with libdaxctl's write order and refusal rules (ndctl daxctl/device.c,
/// daxctl/lib/libdaxctl.c).
/// </summary>
public sealed class DaxctlTests
{
    private const string Host = """
        host {
          kernel { memory-block-size = 256MiB, memmap-on-memory = on, auto-online-blocks = offline }
          numa-nodes = [ { cpus = 4, dram = 4GiB }, {} ]
          cxl-devices = [ { capacity = 1GiB, target-node = 1, base = 64GiB, mode = MODE } ]
        }
        """;

    private static (HostShell Shell, RecordingConsole Console) Boot(string mode = "system-ram", string autoOnline = "offline")
    {
        var console = new RecordingConsole(TestRepo.Boot(Host.Replace("MODE", mode, StringComparison.Ordinal)
            .Replace("auto-online-blocks = offline", $"auto-online-blocks = {autoOnline}", StringComparison.Ordinal)));
        return (new HostShell(console), console);
    }

    [Fact]
    public void Reconfigure_to_system_ram_unbinds_device_dax_then_binds_kmem_through_sysfs_only()
    {
        var (shell, console) = Boot("devdax");
        shell.Sh("daxctl reconfigure-device -N -m system-ram dax0.0");
        Assert.Equal(
            [
                "/sys/bus/dax/drivers/device_dax/remove_id=dax0.0",
                "/sys/bus/dax/drivers/device_dax/unbind=dax0.0",
                "/sys/bus/dax/drivers/kmem/new_id=dax0.0",
                // new_id already attached the device (do_id_store → driver_attach), so bind finds a driver: -EBUSY, ignored.
                "/sys/bus/dax/drivers/kmem/bind=dax0.0 -EBUSY",
            ],
            console.Writes);
        Assert.Empty(console.Operations);
    }

    [Fact]
    public void Online_memory_writes_online_movable_to_each_offline_block_in_order()
    {
        var (shell, console) = Boot();
        Assert.Equal("onlined memory for 1 device\n", shell.Sh("daxctl online-memory dax0.0"));
        Assert.Equal([.. Enumerable.Range(256, 4).Select(n => $"/sys/devices/system/memory/memory{n}/state=online_movable")], console.Writes);
    }

    [Fact]
    public void Online_memory_no_movable_writes_online_and_gets_Normal()
    {
        var (shell, console) = Boot();
        Assert.Equal("onlined memory for 1 device\n", shell.Sh("daxctl online-memory --no-movable dax0.0"));
        Assert.All(console.Writes, w => Assert.EndsWith("/state=online", w, StringComparison.Ordinal));
        Assert.Equal("Normal\n", console.Read("/sys/devices/system/memory/memory256/valid_zones").Content);
    }

    [Fact]
    public void Reconfigure_to_devdax_refuses_with_EBUSY_while_blocks_are_online()
    {
        var (shell, console) = Boot();
        shell.Sh("daxctl online-memory dax0.0");
        console.Writes.Clear();
        Assert.Equal("error reconfiguring devices: Device or resource busy\nreconfigured 0 devices\n", shell.Sh("daxctl reconfigure-device -m devdax dax0.0"));
        Assert.Empty(console.Writes);
        Assert.Equal("kmem", console.State.Dax.Find("dax0.0")!.Driver.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Reconfigure_to_devdax_with_force_offlines_first()
    {
        var (shell, console) = Boot();
        shell.Sh("daxctl online-memory dax0.0");
        console.Writes.Clear();
        var output = shell.Sh("daxctl reconfigure-device -f -m devdax dax0.0");
        Assert.EndsWith("\"mode\":\"devdax\"\n  }\n]\nreconfigured 1 device\n", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                .. Enumerable.Range(256, 4).Select(n => $"/sys/devices/system/memory/memory{n}/state=offline"),
                "/sys/bus/dax/drivers/kmem/remove_id=dax0.0",
                "/sys/bus/dax/drivers/kmem/unbind=dax0.0",
                "/sys/bus/dax/drivers/device_dax/new_id=dax0.0",
                "/sys/bus/dax/drivers/device_dax/bind=dax0.0 -EBUSY",
            ],
            console.Writes);
        Assert.Null(console.List("/sys/devices/system/node/node1"));
    }

    [Theory]
    [InlineData("online")]
    [InlineData("online_movable")]
    [InlineData("online_kernel")]
    public void Reconfigure_to_system_ram_refuses_when_auto_online_blocks_starts_with_online(string policy)
    {
        var (shell, console) = Boot("devdax", policy);
        Assert.Equal(
            "dax0.0: error: kernel policy will auto-online memory, aborting\nerror reconfiguring devices: Device or resource busy\nreconfigured 0 devices\n",
            shell.Sh("daxctl reconfigure-device -m system-ram dax0.0"));
        Assert.Empty(console.Writes);
    }

    [Fact]
    public void Reconfigure_to_system_ram_with_force_proceeds_despite_the_policy_and_reports_the_race()
    {
        var (shell, _) = Boot("devdax", "online_movable");
        var output = shell.Sh("daxctl reconfigure-device -f -m system-ram dax0.0");
        Assert.StartsWith("dax0.0:\n  WARNING: detected a race while onlining memory\n", output, StringComparison.Ordinal);
        Assert.Contains("dax0.0: all memory sections (4) already online\n", output, StringComparison.Ordinal);
        Assert.Contains("\"online_memblocks\":4,", output, StringComparison.Ordinal);
        Assert.EndsWith("reconfigured 1 device\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconfigure_no_movable_without_no_online_is_not_blocked_by_the_policy()
    {
        // reconfig_mode_system_ram(): the check runs only for -N or when movable memory is wanted.
        var (shell, _) = Boot("devdax", "online");
        Assert.EndsWith("reconfigured 1 device\n", shell.Sh("daxctl reconfigure-device --no-movable -m system-ram dax0.0"), StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_memory_when_all_blocks_are_offline_says_so_and_counts_no_device()
    {
        var (shell, _) = Boot();
        Assert.Equal("dax0.0: all memory sections (4) already offline\nofflined memory for 0 devices\n", shell.Sh("daxctl offline-memory dax0.0"));
    }

    [Fact]
    public void Offline_memory_fails_with_the_write_errno_when_a_block_holds_unmovable_pages()
    {
        var (shell, _) = Boot();
        shell.Sh("daxctl online-memory --no-movable dax0.0", "workload alloc --node 1 --pages 200000 --kind unmovable");
        var output = shell.Sh("daxctl offline-memory dax0.0");
        Assert.EndsWith(
            ": Device or resource busy\ndax0.0: failed to offline memory: Device or resource busy\nerror offlining memory: Device or resource busy\nofflined memory for 0 devices\n",
            output,
            StringComparison.Ordinal);
        Assert.StartsWith("libdaxctl: offline_one_memblock: dax0.0: Failed to offline /sys/devices/system/node/node1/memory", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Online_memory_stops_at_the_first_failed_write_with_its_errno()
    {
        var (shell, console) = Boot();
        shell.Sh("echo -12 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error");
        console.Writes.Clear();
        Assert.Equal(
            "dax0.0: failed to online memory: Cannot allocate memory\nerror onlining memory: Cannot allocate memory\nonlined memory for 0 devices\n",
            shell.Sh("daxctl online-memory dax0.0"));
        Assert.Equal(["/sys/devices/system/memory/memory256/state=online_movable -ENOMEM"], console.Writes);
    }

    [Fact]
    public void List_omits_movable_while_any_block_is_offline_and_reports_mixed_zones_as_not_movable()
    {
        var (shell, _) = Boot();
        shell.Sh("echo online_movable > /sys/devices/system/memory/memory256/state");
        var partial = shell.Sh("daxctl list");
        Assert.Contains("\"online_memblocks\":1,\n    \"total_memblocks\":4\n  }", partial, StringComparison.Ordinal);
        shell.Sh("echo online_kernel > /sys/devices/system/memory/memory257/state", "daxctl online-memory dax0.0");
        Assert.Contains("\"online_memblocks\":4,\n    \"total_memblocks\":4,\n    \"movable\":false\n", shell.Sh("daxctl list"), StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_verbs_in_devdax_mode_are_not_applicable()
    {
        var (shell, _) = Boot("devdax");
        Assert.Equal(
            "dax0.0: memory operations are not applicable in devdax mode\nerror onlining memory: No such device or address\nonlined memory for 0 devices\n",
            shell.Sh("daxctl online-memory dax0.0"));
    }

    [Fact]
    public void Unknown_device_is_ENXIO()
    {
        var (shell, _) = Boot();
        Assert.Equal("error offlining memory: No such device or address\nofflined memory for 0 devices\n", shell.Sh("daxctl offline-memory dax9.0"));
    }

    [Fact]
    public void List_prints_daxctl_json_and_hides_only_zero_sized_devices_without_idle()
    {
        var (shell, _) = Boot();
        shell.Sh("daxctl online-memory dax0.0");
        Assert.Equal(
            """
            [
              {
                "chardev":"dax0.0",
                "size":1073741824,
                "target_node":1,
                "align":2097152,
                "mode":"system-ram",
                "online_memblocks":4,
                "total_memblocks":4,
                "movable":true
              }
            ]

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            shell.Sh("daxctl list"));
        // util_daxctl_devs_to_list() (daxctl/json.c) skips a device for its zero size only: a disabled one is listed.
        shell.Sh("daxctl offline-memory dax0.0", "echo dax0.0 > /sys/bus/dax/drivers/kmem/unbind");
        Assert.Contains("\"state\":\"disabled\"", shell.Sh("daxctl list"), StringComparison.Ordinal);
        shell.Sh("echo 0 > /sys/bus/dax/devices/dax0.0/size");
        Assert.Equal(string.Empty, shell.Sh("daxctl list"));
        Assert.Contains("\"size\":0", shell.Sh("daxctl list -i"), StringComparison.Ordinal);
    }
}
