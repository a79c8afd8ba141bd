using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Units;
using Xunit;

namespace HotplugCluster.Kernel.Tests.Allocations;

/// <summary>
/// The page-table map answers as the dictionary it replaced: one table per (level, index), found where it was put whether
/// it sits in the level's dense slots or beyond them, listed in (level, index) order, and copied independently.
/// </summary>
public sealed class PageTableMapTests
{
    [Theory]
    [InlineData(100UL)]
    [InlineData(99UL)] // below the level's first index
    [InlineData(100UL + (1UL << 16))] // past the dense slots
    [InlineData(100UL + 4096UL)] // past the first slots, within the dense range
    public void Contains_finds_a_table_where_it_was_added_and_not_once_removed(ulong index)
    {
        var map = new PageTableMap();
        map.Add(PageTableLevel.DirectMapPmd, 100, new BlockId(7));
        map.Add(PageTableLevel.DirectMapPmd, index == 100 ? 101 : index, new BlockId(9));
        var probe = index == 100 ? 101 : index;

        Assert.True(map.Contains(PageTableLevel.DirectMapPmd, probe));
        Assert.False(map.Contains(PageTableLevel.VmemmapPmd, probe));
        Assert.Equal(new BlockId(9), map.Remove(PageTableLevel.DirectMapPmd, probe));
        Assert.False(map.Contains(PageTableLevel.DirectMapPmd, probe));
        Assert.True(map.Contains(PageTableLevel.DirectMapPmd, 100));
    }

    [Fact]
    public void Add_fails_with_ArgumentException_when_the_table_exists()
    {
        var map = new PageTableMap();
        map.Add(PageTableLevel.VmemmapPud, 3, new BlockId(0));
        map.Add(PageTableLevel.VmemmapPud, 1, new BlockId(0));

        Assert.Throws<ArgumentException>(() => map.Add(PageTableLevel.VmemmapPud, 3, new BlockId(1)));
        Assert.Throws<ArgumentException>(() => map.Add(PageTableLevel.VmemmapPud, 1, new BlockId(1)));
    }

    [Fact]
    public void Remove_fails_with_KeyNotFoundException_when_there_is_no_table()
    {
        var map = new PageTableMap();
        map.Add(PageTableLevel.DirectMapPud, 5, new BlockId(2));

        Assert.Throws<KeyNotFoundException>(() => map.Remove(PageTableLevel.DirectMapPud, 6));
        Assert.Throws<KeyNotFoundException>(() => map.Remove(PageTableLevel.DirectMapPud, 4));
        Assert.Throws<KeyNotFoundException>(() => map.Remove(PageTableLevel.DirectMapPmd, 5));
    }

    [Fact]
    public void Sorted_lists_every_table_in_level_then_index_order()
    {
        var map = new PageTableMap();
        map.Add(PageTableLevel.VmemmapPmd, 2, new BlockId(4));
        map.Add(PageTableLevel.DirectMapPmd, 70_000, new BlockId(3));
        map.Add(PageTableLevel.DirectMapPmd, 10, new BlockId(2));
        map.Add(PageTableLevel.DirectMapPmd, 5, new BlockId(1));

        Assert.Equal(
            [
                (PageTableLevel.DirectMapPmd, 5UL), (PageTableLevel.DirectMapPmd, 10UL), (PageTableLevel.DirectMapPmd, 70_000UL),
                (PageTableLevel.VmemmapPmd, 2UL),
            ],
            map.Sorted().Keys);
        Assert.Equal([new BlockId(1), new BlockId(2), new BlockId(3), new BlockId(4)], map.Sorted().Values);
    }

    [Fact]
    public void Copy_is_independent_of_its_source()
    {
        var map = new PageTableMap();
        map.Add(PageTableLevel.DirectMapPmd, 10, new BlockId(1));
        map.Add(PageTableLevel.DirectMapPmd, 5, new BlockId(2));
        var copy = map.Copy();

        copy.Remove(PageTableLevel.DirectMapPmd, 10);
        copy.Remove(PageTableLevel.DirectMapPmd, 5);
        copy.Add(PageTableLevel.DirectMapPmd, 11, new BlockId(3));

        Assert.True(map.Contains(PageTableLevel.DirectMapPmd, 10));
        Assert.True(map.Contains(PageTableLevel.DirectMapPmd, 5));
        Assert.False(map.Contains(PageTableLevel.DirectMapPmd, 11));
        Assert.Equal(2, map.Sorted().Count);
        Assert.Single(copy.Sorted());
    }
}
