using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>
/// daxctl over a pmem devdax namespace declared in a host file (drivers/dax/pmem.c, drivers/nvdimm/pfn_devs.c;
/// daxctl/lib/libdaxctl.c reads the region from the device's parent).
/// </summary>
public sealed class PmemDaxctlTests
{
    private const string Host = """
        host {
          kernel { version = "6.12", memory-block-size = 128MiB, auto-online-blocks = offline }
          numa-nodes = [ { cpus = 4, dram = 4GiB }, {} ]
          pmem-devices = [ { capacity = 4GiB, target-node = 1, map = MAP } ]
        }
        """;

    private static (HostShell Shell, RecordingConsole Console) Boot(string map = "dev")
    {
        var console = new RecordingConsole(TestRepo.Boot(Host.Replace("MAP", map, StringComparison.Ordinal)));
        return (new HostShell(console), console);
    }

    [Fact]
    public void List_regions_names_the_nd_dax_device_under_ndbus0_and_the_static_region_has_no_available_size()
    {
        // nd_pfn_init(): 4 GiB with --map=dev keeps 4 GiB - ALIGN(8K + 64 x 1048574, 2 MiB) = 4096 - 66 MiB.
        var (shell, _) = Boot();
        Assert.Equal(
            """
            [
              {
                "path":"\/LNXSYSTM:00\/LNXSYBUS:00\/ACPI0012:00\/ndbus0\/region0\/dax0.0",
                "id":0,
                "size":4225761280,
                "align":2097152
              }
            ]

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            shell.Sh("daxctl list -R"));
    }

    [Fact]
    public void Reconfigure_to_system_ram_then_online_adds_the_block_aligned_data_to_node_1()
    {
        // --map=mem: the data starts 2 MiB in; dax_kmem_range() adds from the next block, 128 MiB in: 31 blocks of 128 MiB.
        var (shell, console) = Boot("mem");
        shell.Sh("daxctl reconfigure-device -N -m system-ram dax0.0");
        Assert.Equal("onlined memory for 1 device\n", shell.Sh("daxctl online-memory dax0.0"));
        Assert.Contains("Node 1 MemTotal:        4063232 kB", console.Read("/sys/devices/system/node/node1/meminfo").Content, StringComparison.Ordinal);
        Assert.Equal("0\n", console.Read("/sys/bus/dax/devices/dax0.0/memmap_on_memory").Content);
    }
}
