using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>cat, echo, ls, dmesg, dimm and workload verbs and their exact output (issue 4 items 4 and 5).</summary>
public sealed class HostShellTests
{
    private const string Host = """
        host {
          kernel { memory-block-size = 256MiB, memmap-on-memory = on }
          numa-nodes = [ { cpus = 4, dram = 4GiB }, {} ]
          cxl-devices = [ { capacity = 1GiB, target-node = 1, base = 64GiB } ]
        }
        """;

    private static HostShell Shell() => new(TestRepo.Boot(Host));

    [Fact]
    public void Cat_prints_the_file_and_names_a_missing_path()
    {
        var shell = Shell();
        Assert.Equal("10000000\n", shell.Sh("cat /sys/devices/system/memory/block_size_bytes"));
        Assert.Equal("cat: /sys/nope: No such file or directory\n", shell.Sh("cat /sys/nope"));
        Assert.Equal("offline\ncat: /x: No such file or directory\n", shell.Sh("cat /sys/devices/system/memory/memory256/state /x"));
    }

    [Fact]
    public void Cat_follows_the_node_memory_symlinks()
    {
        Assert.Equal("offline\n", Shell().Sh("cat /sys/devices/system/node/node1/memory257/state"));
    }

    [Fact]
    public void Echo_writes_silently_and_a_failed_write_prints_strerror_and_errno()
    {
        var shell = Shell();
        Assert.Equal(string.Empty, shell.Sh("echo online_movable > /sys/devices/system/memory/memory256/state"));
        Assert.Equal("online\n", shell.Sh("cat /sys/devices/system/memory/memory256/state"));

        // state_store(): already in that state is -EINVAL; an unknown string is -EINVAL.
        Assert.Equal("write error: Invalid argument (EINVAL)\n", shell.Sh("echo online_movable > /sys/devices/system/memory/memory256/state"));
        Assert.Equal("write error: Invalid argument (EINVAL)\n", shell.Sh("echo sideways > /sys/devices/system/memory/memory257/state"));

        // Removing a range with an online block: kmem's unbind succeeds (leaks); a read-only file refuses the open.
        Assert.Equal("write error: Permission denied (EACCES)\n", shell.Sh("echo 1 > /sys/devices/system/memory/block_size_bytes"));
        Assert.Equal("write error: No such file or directory (ENOENT)\n", shell.Sh("echo 1 > /sys/devices/system/memory/memory999/state"));
    }

    [Fact]
    public void Echo_n_writes_without_the_newline()
    {
        var console = new RecordingConsole(TestRepo.Boot(Host));
        var shell = new HostShell(console);
        shell.Sh("echo -n 1 > /sys/devices/system/memory/memory256/online", "echo 'online_movable' >/sys/devices/system/memory/memory257/state", "echo \"a b\"  c > /sys/devices/system/memory/memory258/state");
        Assert.Equal(["1", "online_movable\n", "a b c\n"], console.RawValues);
        Assert.Equal("/sys/devices/system/memory/memory257/state=online_movable", console.Writes[1]);
    }

    [Fact]
    public void Ls_lists_a_directory_one_name_per_line_and_names_a_missing_one()
    {
        var shell = Shell();
        Assert.Equal("compact\ncpulist\ncpumap\ndistance\nhugepages\nmeminfo\nmemory256\nmemory257\nmemory258\nmemory259\nnumastat\npower\nsubsystem\nuevent\nvmstat\nx86\n", shell.Sh("ls /sys/devices/system/node/node1"));
        Assert.Equal("bind\ndax0.0\nmodule\nnew_id\nremove_id\nunbind\n", shell.Sh("ls /sys/bus/dax/devices/dax0.0/driver"));
        Assert.Equal("ls: cannot access '/sys/nope': No such file or directory\n", shell.Sh("ls /sys/nope"));
    }

    [Fact]
    public void Dmesg_prints_the_log_and_dash_c_prints_only_what_is_new()
    {
        var shell = Shell();
        shell.Sh("echo online > /sys/devices/system/memory/memory256/state", "echo dax0.0 > /sys/bus/dax/drivers/kmem/unbind");
        var all = shell.Sh("dmesg");
        Assert.Contains("kmem dax0.0: mapping0: 0x1000000000-0x103fffffff cannot be hotremoved until the next reboot\n", all, StringComparison.Ordinal);
        Assert.Equal(all, shell.Sh("dmesg -c"));
        Assert.Equal(string.Empty, shell.Sh("dmesg -c"));
        Assert.Equal(all, shell.Sh("dmesg"));
    }

    [Fact]
    public void Dimm_add_places_above_the_cxl_windows_and_prints_name_node_and_range()
    {
        var shell = Shell();

        // CXL window 64 GiB .. 65 GiB: the device-memory area starts at 65 GiB (1 GiB aligned).
        Assert.Equal("PNP0C80:00: node 0 [mem 0x1040000000-0x107fffffff] memory260-memory263\n", shell.Sh("dimm add 1G"));
        Assert.Equal("PNP0C80:01: node 1 [mem 0x1080000000-0x108fffffff] memory264\n", shell.Sh("dimm add 256MiB --node 1"));
        Assert.Equal("offline\n", shell.Sh("cat /sys/devices/system/memory/memory260/state"));
        Assert.Equal("PNP0C80:00: ejected\n", shell.Sh("dimm eject 00"));
        Assert.Equal("cat: /sys/devices/system/memory/memory260/state: No such file or directory\n", shell.Sh("cat /sys/devices/system/memory/memory260/state"));

        // First fit: the ejected range is reused.
        Assert.Equal("PNP0C80:00: node 0 [mem 0x1040000000-0x104fffffff] memory260\n", shell.Sh("dimm add 256M"));
    }

    [Fact]
    public void Dimm_eject_fails_while_a_block_cannot_be_offlined_and_for_unknown_names()
    {
        var shell = Shell();
        shell.Sh("dimm add 256M --node 1", "echo online_kernel > /sys/devices/system/memory/memory260/state", "workload alloc --node 1 --pages 60000 --kind unmovable");
        Assert.Equal("dimm eject: acpi_scan_hot_remove: Device or resource busy (EBUSY)\n", shell.Sh("dimm eject PNP0C80:00"));
        Assert.Contains("acpi PNP0C80:00: Offline failed.", shell.Sh("dmesg"), StringComparison.Ordinal);
        Assert.Equal("dimm eject: acpi_scan_hot_remove: No such device (ENODEV)\n", shell.Sh("dimm eject 07"));
    }

    [Fact]
    public void Kernel_6_1_gives_a_single_block_dimm_its_memmap_on_itself_and_charges_node_0_for_a_larger_one()
    {
        // acpi_memory_enable_device(): before v6.6 acpi_memhotplug passed MHP_MEMMAP_ON_MEMORY only for one-block
        // ranges (6.1: size == block size).
        var console = KernelHostConsole.Boot(HostConfig.Read(TestRepo.LoadFile("config/hosts/kernel-6.1.conf")));
        var shell = new HostShell(console);
        var free0 = MemFreeKb(shell, 0);
        // Beside the memmap, the kernel's own allocations (HotplugCosts): the first DIMM needs the direct-map and vmemmap
        // PMD tables (8 kB), a kmalloc-64 slab (4 kB), an order-3 kmalloc-1k slab (32 kB) and a kernfs_node_cache slab
        // (4 kB); the second only a second kernfs_node_cache slab.
        Assert.Equal("PNP0C80:00: node 0 [mem 0x1100000000-0x110fffffff] memory272\n", shell.Sh("dimm add 256M"));
        Assert.Equal(free0 - 48, MemFreeKb(shell, 0));
        Assert.Equal("PNP0C80:01: node 0 [mem 0x1110000000-0x112fffffff] memory273-memory274\n", shell.Sh("dimm add 512M"));
        Assert.Equal(free0 - 48 - (2 * 4096) - 4, MemFreeKb(shell, 0));
        Assert.Equal("cat: /sys/bus/dax/devices/dax0.0/memmap_on_memory: No such file or directory\n", shell.Sh("cat /sys/bus/dax/devices/dax0.0/memmap_on_memory"));
    }

    [Fact]
    public void Dimm_add_of_a_size_that_is_not_whole_blocks_fails_as_the_kernel_does()
    {
        Assert.Equal("dimm add: acpi_memory_device_add: Invalid argument (EINVAL)\n", Shell().Sh("dimm add 100M"));
    }

    [Fact]
    public void Workload_alloc_pin_and_free_move_the_node_counters()
    {
        var shell = Shell();
        shell.Sh("daxctl online-memory dax0.0");
        Assert.Equal("allocated 1000 movable pages (4000 kB) on node 1\n", shell.Sh("workload alloc --node 1 --pages 1000"));
        Assert.Equal("allocated 10 pinned pages (40 kB) on node 1\n", shell.Sh("workload pin --node 1 --pages 10"));
        Assert.Contains("Node 1 MemUsed:            4040 kB", shell.Sh("cat /sys/devices/system/node/node1/meminfo"), StringComparison.Ordinal);
        Assert.Equal("freed 10 pinned pages (40 kB) on node 1\n", shell.Sh("workload unpin --node 1 --pages 10"));
        Assert.Equal("freed 1000 movable pages (4000 kB) on node 1\n", shell.Sh("workload free --node 1 --pages 1000 --kind movable"));
        Assert.Equal("workload: free_pages: Invalid argument (EINVAL)\n", shell.Sh("workload free --node 1 --pages 1 --kind unmovable"));
    }

    [Fact]
    public void Workload_alloc_beyond_the_node_is_ENOMEM_and_unmovable_pages_make_offline_EBUSY()
    {
        var shell = Shell();
        shell.Sh("echo online_kernel > /sys/devices/system/memory/memory256/state");
        Assert.Equal("workload: alloc_pages_node: Cannot allocate memory (ENOMEM)\n", shell.Sh("workload alloc --node 1 --pages 70000 --kind unmovable"));
        Assert.Equal("allocated 100 unmovable pages (400 kB) on node 1\n", shell.Sh("workload alloc --node 1 --pages 100 --kind unmovable --zone Normal"));
        Assert.Equal("write error: Device or resource busy (EBUSY)\n", shell.Sh("echo offline > /sys/devices/system/memory/memory256/state"));
    }

    [Fact]
    public void Pinned_pages_make_offline_retry_until_the_signal_EINTR()
    {
        var shell = Shell();
        shell.Sh("echo online_movable > /sys/devices/system/memory/memory256/state", "workload pin --node 1 --pages 100");
        Assert.Equal("write error: Interrupted system call (EINTR)\n", shell.Sh("echo offline > /sys/devices/system/memory/memory256/state"));
        Assert.Equal("online\n", shell.Sh("cat /sys/devices/system/memory/memory256/state"));
    }

    private static ulong MemFreeKb(HostShell shell, int node)
    {
        var line = shell.Sh($"cat /sys/devices/system/node/node{node}/meminfo").Split('\n').Single(l => l.Contains("MemFree:", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Script_echoes_comments_and_commands_and_exits_zero_whatever_the_writes_returned()
    {
        var output = new StringWriter { NewLine = "\n" };
        var status = Shell().RunScript("# a comment\n\necho bogus > /sys/devices/system/memory/memory256/state\ncat /nope # trailing\n", "t.sh", output);
        Assert.Equal(0, status);
        Assert.Equal("# a comment\n$ echo bogus > /sys/devices/system/memory/memory256/state\nwrite error: Invalid argument (EINVAL)\n$ cat /nope # trailing\ncat: /nope: No such file or directory\n", output.ToString());
    }

    [Fact]
    public void Script_with_bad_syntax_names_the_line_and_runs_nothing()
    {
        var console = new RecordingConsole(TestRepo.Boot(Host));
        var e = Assert.Throws<ShellSyntaxException>(() => new HostShell(console).RunScript("echo online > /sys/devices/system/memory/memory256/state\n\nmodprobe kmem\n", "t.sh", TextWriter.Null));
        Assert.StartsWith("t.sh:3: modprobe: command not found", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
        Assert.Empty(console.Writes);
    }

    [Fact]
    public void Interactive_line_with_bad_syntax_prints_the_error_and_status_2()
    {
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(2, Shell().ExecuteLine("echo 1 >", output));
        Assert.Equal("hotplug-sh: echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)\n", output.ToString());
    }
}
