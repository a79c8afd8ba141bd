using HotplugCluster.Actors.Collections;
using Xunit;

namespace HotplugCluster.Actors.Tests;

/// <summary>The paged table by number that block actors, block streams and slotted children live in.</summary>
public sealed class PagedTableTests
{
    [Fact]
    public void Answers_null_for_unset_numbers_and_keeps_what_was_set_across_pages()
    {
        var table = new PagedTable<string>();
        table.Set(5000, "a");
        table.Set(3, "b");
        table.Set(70_000, null);

        Assert.Equal("a", table[5000]);
        Assert.Equal("b", table[3]);
        Assert.Null(table[4999]);
        Assert.Null(table[70_000]);
        Assert.Null(table[uint.MaxValue]);
        table.Set(5000, null);
        Assert.Null(table[5000]);
    }

    [Fact]
    public void Clearing_past_the_end_makes_no_room_and_reserving_does()
    {
        var table = new PagedTable<string>();
        table.Set(1_000_000, null);
        Assert.Equal(0u, table.End);

        table.Reserve(300);
        Assert.Equal(512u, table.End);
        Assert.Null(table[299]);
        table.Set(511, "last");
        Assert.Equal("last", table[511]);
        Assert.Equal(512u, table.End);
    }
}
