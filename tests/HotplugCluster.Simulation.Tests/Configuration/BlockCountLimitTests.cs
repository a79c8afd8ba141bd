using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;

namespace HotplugCluster.Simulation.Tests.Configuration;

/// <summary>A host's block count is bounded before boot, so its memory and boot time are too (docs/simulation.md, "Size").</summary>
public sealed class BlockCountLimitTests
{
    [Fact]
    public void Read_refuses_a_host_at_the_block_size_set_when_its_blocks_exceed_the_limit()
    {
        var e = Assert.Throws<HoconException>(() => TestRepo.Host("host.kernel.memory-block-size = 128MiB\nhost.numa-nodes = [ { dram = 9TiB } ]"));

        Assert.Equal(
            "host.conf:1:33: host.kernel.memory-block-size: 73728 memory blocks of 128MiB (9TiB of DRAM and CXL) are more than the model's limit of 65536 per host: memory-block-size = 256MiB models the same memory in fewer blocks",
            e.Message);
    }

    [Fact]
    public void Read_counts_the_CXL_windows_with_the_DRAM_when_they_reach_the_limit_together()
    {
        var e = Assert.Throws<HoconException>(() => TestRepo.Host(
            "host.kernel.memory-block-size = 128MiB\nhost.numa-nodes = [ { id = 0, cpus = 8, dram = 6TiB }, { id = 1 } ]\nhost.cxl-devices = [ { capacity = 2TiB, target-node = 1 }, { capacity = 1GiB, target-node = 1 } ]"));

        Assert.StartsWith("host.conf:1:33: host.kernel.memory-block-size: 65544 memory blocks of 128MiB", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host.kernel.memory-block-size = 128MiB\nhost.numa-nodes = [ { dram = 8TiB } ]", 65536)]
    // auto: x86-64 on bare metal takes 2GiB blocks from 64GiB of boot memory (probe_memory_block_size(), arch/x86/mm/init_64.c).
    [InlineData("host.numa-nodes = [ { dram = 64TiB } ]", 32768)]
    public void Read_accepts_a_host_when_its_blocks_are_within_the_limit(string hocon, long blocks)
    {
        var layout = TestRepo.Host(hocon).Resolve().GetOrThrow();

        Assert.Equal(blocks, layout.Dram.Sum(d => (long)d.Size.DivideBy(layout.BlockSize)));
        Assert.True(blocks <= BlockCountLimit.MaxBlocks);
    }
}
