using HotplugCluster.Hocon;

namespace HotplugCluster.Simulation.Tests.Configuration;

/// <summary>Malformed values and impossible topologies fail before boot as FILE:LINE:COL: host.setting: message.</summary>
public sealed class HostConfigErrorTests
{
    private const string Nodes = "host.numa-nodes = [ { id = 0, cpus = 8, dram = 16GiB }, { id = 1 } ]\n";

    // Each row: a malformed value (type, spelling, unknown name) or an impossible topology (HostLayout.Resolve), at its line and column.
    [Theory]
    [InlineData("host.kernel.memmap-on-memory = sometimes", "host.conf:1:32: host.kernel.memmap-on-memory: expected off | on | force, found 'sometimes'")]
    [InlineData("host.kernel.auto-online-blocks = online-movable", "host.conf:1:34: host.kernel.auto-online-blocks: expected offline | online | online_kernel | online_movable, found 'online-movable'")]
    [InlineData("host.kernel.online-policy = zone", "host.conf:1:29: host.kernel.online-policy: expected contig-zones | auto-movable, found 'zone'")]
    [InlineData("host.kernel.memory-block-size = big", "host.conf:1:33: host.kernel.memory-block-size: expected a size in bytes (e.g. 128MiB, 4 GiB, 1024), found the string \"big\"")]
    [InlineData("host.kernel.version = 5.15", "host.conf:1:23: host.kernel.version: expected 6.8 | 6.1 | 6.12, found '5.15'")]
    [InlineData("host.kernel.bugs = [ no-such-bug ]", "host.conf:1:20: host.kernel.bugs: unknown bug 'no-such-bug'; known: unpaired-mem-hotplug-begin-on-remove, online-pages-without-mem-hotplug-lock, add-remove-without-device-hotplug-lock, add-memory-resource-error-path-without-altmap, incorrect-altmap-passing-in-error-path, missing-mem-hotplug-lock, memory-block-reference-leak-on-remove, leak-of-memory-hotplug-resources, no-pcp-drain-during-memory-offline, concurrent-memory-hot-add-deadlock")]
    [InlineData("host.kernel.auto-movable-ratio = -1", "host.conf:1:34: host.kernel.auto-movable-ratio: expected a percentage >= 0, found -1")]
    [InlineData("host.kernel.movable-node = maybe", "host.conf:1:28: host.kernel.movable-node: expected a boolean (true, false, yes, no, on or off), found the string \"maybe\"")]
    [InlineData("host.numa-nodes = [ { cpus = lots } ]", "host.conf:1:30: host.numa-nodes[0].cpus: expected a whole number, found the string \"lots\"")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 4GiB } ]", "host.conf:2:22: host.cxl-devices[0].target-node: missing setting (required, it has no default)")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 4GiB, target-node = 1, mode = ram } ]", "host.conf:2:65: host.cxl-devices[0].mode: expected system-ram | devdax, found 'ram'")]
    [InlineData("host = 5", "host.conf:1:8: host: expected an object { kernel {...}, numa-nodes = [...], cxl-devices = [...] }")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 300MiB, target-node = 1 } ]", "host.conf:2:35: host.cxl-devices[0].capacity: 300MiB is not a positive multiple of 256MiB x 1 way(s) (alloc_hpa)")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 4GiB, target-node = 5 } ]", "host.conf:2:55: host.cxl-devices[0].target-node: node 5 does not exist in numa-nodes")]
    [InlineData(Nodes + "host.cxl-devices = [\n  { capacity = 4GiB, target-node = 1, base = 64GiB }\n  { capacity = 4GiB, target-node = 1, base = 66GiB }\n]", "host.conf:4:46: host.cxl-devices[1].base: window 0x1080000000-0x1180000000 overlaps the window of mem0")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 4GiB, target-node = 1, base = 8GiB } ]", "host.conf:2:65: host.cxl-devices[0].base: window 0x200000000-0x300000000 overlaps boot DRAM (0-0x400000000)")]
    [InlineData(Nodes + "host.kernel { version = 6.1, memmap-on-memory = force }", "host.conf:2:49: host.kernel.memmap-on-memory: 'force' exists from v6.6; kernel.version 6.1 accepts only off or on")]
    [InlineData("host.kernel.memory-block-size = 96MiB", "host.conf:1:33: host.kernel.memory-block-size: 96MiB is not a power of two between 128MiB and 64GiB (set_memory_block_size_order)\nconfig/reference.conf:61:47: host.numa-nodes[0].dram: 16GiB is not a multiple of the memory block size 96MiB")]
    [InlineData("host.numa-nodes = [ { dram = 1000MiB } ]", "host.conf:1:30: host.numa-nodes[0].dram: 1000MiB is not a multiple of the memory block size 128MiB")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 4GiB, target-node = 1, interleave-ways = 2, base = 64GiB }, { capacity = 2GiB, target-node = 1, base = 65GiB } ]", "host.conf:2:138: host.cxl-devices[1].base: window 0x1040000000-0x10c0000000 overlaps the window of mem0")]
    // Beyond MAX_PHYSMEM_BITS = 46 (arch/x86/include/asm/sparsemem.h, 4-level paging): refused before any block is modelled.
    [InlineData("host.numa-nodes = [ { dram = 1EiB } ]", "host.conf:1:30: host.numa-nodes[0].dram: 1152921504606846976 bytes is beyond x86-64's 46-bit physical address space (at most 64TiB)")]
    [InlineData("host.numa-nodes = [ { dram = 1PiB } ]", "host.conf:1:30: host.numa-nodes[0].dram: 1125899906842624 bytes is beyond x86-64's 46-bit physical address space (at most 64TiB)")]
    [InlineData(Nodes + "host.cxl-devices = [ { capacity = 128TiB, target-node = 1 } ]", "host.conf:2:35: host.cxl-devices[0].capacity: 140737488355328 bytes is beyond x86-64's 46-bit physical address space (at most 64TiB)")]
    [InlineData("host.numa-nodes = [ { dram = 40TiB }, { dram = 40TiB } ]", "host.conf:1:19: host.numa-nodes: DRAM, CXL and pmem memory reach 87960930222080 bytes, beyond x86-64's 46-bit physical address space (at most 64TiB)")]
    // nd_pfn_init(), drivers/nvdimm/pfn_devs.c: a namespace with no data left after its pfn metadata is refused.
    [InlineData(Nodes + "host.pmem-devices = [ { capacity = 2MiB, target-node = 1, map = mem } ]", "host.conf:2:36: host.pmem-devices[0].capacity: 2MiB leaves no data after 2MiB of pfn metadata at align 2MiB (nd_pfn_init: unable to satisfy requested alignment)")]
    [InlineData(Nodes + "host.pmem-devices = [ { capacity = 1GiB, target-node = 1, map = ram } ]", "host.conf:2:65: host.pmem-devices[0].map: expected dev | mem, found 'ram'")]
    public void Read_fails_at_the_origin_of_the_setting(string hocon, string message)
    {
        var e = Assert.Throws<HoconException>(() => TestRepo.Host(hocon));
        Assert.Equal(message, e.Message);
    }
}
