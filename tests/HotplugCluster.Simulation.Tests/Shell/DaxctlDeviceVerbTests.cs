using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>
/// daxctl list's regions, mappings and human formats, and the dynamic-region verbs (create, destroy, enable,
/// disable), over sysfs only (ndctl v76 daxctl/list.c, daxctl/device.c, daxctl/json.c, util/json.c).
/// </summary>
public sealed class DaxctlDeviceVerbTests
{
    private const string Host = """
        host {
          kernel { memory-block-size = 256MiB, auto-online-blocks = offline }
          numa-nodes = [ { cpus = 4, dram = 4GiB }, {} ]
          cxl-devices = [ { capacity = 1GiB, target-node = 1, base = 64GiB, mode = devdax } ]
        }
        """;

    private static (HostShell Shell, RecordingConsole Console) Boot(string version = "6.8")
    {
        var console = new RecordingConsole(TestRepo.Boot(Host.Replace("kernel {", $"kernel {{ version = \"{version}\",", StringComparison.Ordinal)));
        return (new HostShell(console), console);
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void List_regions_prints_path_id_size_and_align_and_omits_a_zero_available_size()
    {
        var (shell, _) = Boot();
        Assert.Equal(
            Lf("""
            [
              {
                "path":"\/platform\/ACPI0017:00\/root0\/decoder0.0\/region0\/dax_region0",
                "id":0,
                "size":1073741824,
                "align":2097152
              }
            ]

            """),
            shell.Sh("daxctl list -R"));
    }

    [Fact]
    public void List_regions_on_6_1_names_the_hmem_platform_device()
    {
        var (shell, _) = Boot("6.1");
        Assert.Contains("\"path\":\"\\/platform\\/hmem.0\"", shell.Sh("daxctl list -r 0"), StringComparison.Ordinal);
    }

    [Fact]
    public void List_regions_and_devices_nests_the_devices_under_their_region()
    {
        var (shell, _) = Boot();
        Assert.Equal(
            Lf("""
            [
              {
                "path":"\/platform\/ACPI0017:00\/root0\/decoder0.0\/region0\/dax_region0",
                "id":0,
                "size":1073741824,
                "align":2097152,
                "devices":[
                  {
                    "chardev":"dax0.0",
                    "size":1073741824,
                    "target_node":1,
                    "align":2097152,
                    "mode":"devdax"
                  }
                ]
              }
            ]

            """),
            shell.Sh("daxctl list -RD"));
    }

    [Fact]
    public void Human_list_of_one_device_prints_the_object_with_sizes_in_units_and_mappings_in_hex()
    {
        // util_display_json_array(): with -u, one element is printed alone; display_size() rounds to centi-MiB and centi-MB.
        var (shell, _) = Boot();
        Assert.Equal(
            Lf("""
            {
              "chardev":"dax0.0",
              "size":"1024.00 MiB (1073.74 MB)",
              "target_node":1,
              "align":2097152,
              "mode":"devdax",
              "mappings":[
                {
                  "page_offset":"0",
                  "start":"0x1000000000",
                  "end":"0x103fffffff",
                  "size":"1024.00 MiB (1073.74 MB)"
                }
              ]
            }

            """),
            shell.Sh("daxctl list -M -u -d 0.0"));
    }

    [Fact]
    public void Filters_that_match_nothing_print_nothing()
    {
        var (shell, _) = Boot();
        Assert.Equal(string.Empty, shell.Sh("daxctl list -r 1", "daxctl list -d dax0.1", "daxctl list -d 0.1"));
    }

    [Fact]
    public void Destroy_refuses_an_active_device_without_force()
    {
        var (shell, console) = Boot();
        Assert.Equal("dax0.0 is active, specify --force for deletion\nerror destroying devices: No such device or address\ndestroyed 0 devices\n",
            shell.Sh("daxctl destroy-device dax0.0"));
        Assert.Empty(console.Writes);
    }

    [Fact]
    public void Destroy_with_force_unbinds_and_shrinks_but_the_kernel_keeps_device_0()
    {
        // delete_store(), drivers/dax/bus.c: id 0 is preserved (-EBUSY) so /sys/bus/dax stays populated.
        var (shell, console) = Boot();
        Assert.Equal("error destroying devices: Device or resource busy\ndestroyed 0 devices\n", shell.Sh("daxctl destroy-device -f dax0.0"));
        Assert.Equal(
            [
                "/sys/bus/dax/drivers/device_dax/remove_id=dax0.0",
                "/sys/bus/dax/drivers/device_dax/unbind=dax0.0",
                "/sys/bus/dax/devices/dax0.0/size=0",
                "/sys/bus/cxl/devices/dax_region0/dax_region/delete=dax0.0 -EBUSY",
            ],
            console.Writes);
    }

    [Fact]
    public void Create_makes_a_device_of_the_given_size_from_the_seed_and_destroy_removes_it()
    {
        var (shell, console) = Boot();
        shell.Sh("daxctl disable-device dax0.0", "daxctl reconfigure-device -s 0 dax0.0");
        console.Writes.Clear();

        var created = shell.Sh("daxctl create-device -s 512M");
        Assert.StartsWith("[\n  {\n    \"chardev\":\"dax0.1\",\n    \"size\":536870912,", created, StringComparison.Ordinal);
        Assert.EndsWith("\"mode\":\"devdax\"\n  }\n]\ncreated 1 device\n", created, StringComparison.Ordinal);
        Assert.Equal("/sys/bus/cxl/devices/dax_region0/dax_region/create=1", console.Writes[0]);
        Assert.Contains("/sys/bus/dax/devices/dax0.1/size=0x20000000", console.Writes);
        Assert.Contains("\"available_size\":536870912", shell.Sh("daxctl list -R"), StringComparison.Ordinal);

        Assert.Equal("destroyed 1 device\n", shell.Sh("daxctl destroy-device -f dax0.1"));
        Assert.Equal(string.Empty, shell.Sh("daxctl list -d dax0.1 -i"));
    }

    [Fact]
    public void Create_without_size_takes_the_region_available_size_and_fails_with_ENOSPC_when_none_is_left()
    {
        var (shell, _) = Boot();
        Assert.Equal("error creating devices: No space left on device\ncreated 0 devices\n", shell.Sh("daxctl create-device"));
    }

    [Fact]
    public void Disable_and_enable_device_unbind_and_bind_device_dax()
    {
        var (shell, console) = Boot();
        Assert.Equal("disabled 1 device\n", shell.Sh("daxctl disable-device dax0.0"));
        Assert.Contains("\"state\":\"disabled\"", shell.Sh("daxctl list"), StringComparison.Ordinal);
        Assert.Equal("enabled 1 device\n", shell.Sh("daxctl enable-device dax0.0"));
        Assert.Equal("device_dax", console.State.Dax.Find("dax0.0")!.Driver.ToString().ToLowerInvariant().Replace("devicedax", "device_dax", StringComparison.Ordinal));
    }

    [Fact]
    public void Enable_and_disable_refuse_a_system_ram_device()
    {
        var (shell, _) = Boot();
        shell.Sh("daxctl reconfigure-device -N -m system-ram dax0.0");
        Assert.Equal("dax0.0: status operations are only applicable in devdax mode\nerror disabling device: No such device or address\ndisabled 0 devices\n",
            shell.Sh("daxctl disable-device dax0.0"));
    }

    [Fact]
    public void Reconfigure_size_resizes_and_prints_no_json()
    {
        var (shell, console) = Boot();
        shell.Sh("daxctl disable-device dax0.0");
        console.Writes.Clear();
        Assert.Equal("reconfigured 1 device\n", shell.Sh("daxctl reconfigure-device -s 256M dax0.0"));
        Assert.Equal(["/sys/bus/dax/devices/dax0.0/size=0x10000000"], console.Writes);
    }

    [Fact]
    public void Reconfigure_align_alone_sets_it_then_finds_no_mode()
    {
        // parse_device_options() sets the mode only when neither size nor align is given; do_reconfig() then reports mode 0.
        var (shell, _) = Boot();
        shell.Sh("daxctl disable-device dax0.0");
        Assert.Equal("dax0.0: unknown mode requested: 0\nerror reconfiguring devices: Invalid argument\nreconfigured 0 devices\n",
            shell.Sh("daxctl reconfigure-device -a 4096 dax0.0"));
    }

    [Fact]
    public void Verbose_online_memory_reports_how_many_sections_it_onlined()
    {
        var (shell, _) = Boot();
        shell.Sh("daxctl reconfigure-device -N -m system-ram dax0.0");
        Assert.Equal("dax0.0: 4 memory sections onlined\nonlined memory for 1 device\n", shell.Sh("daxctl online-memory -v dax0.0"));
    }
}
