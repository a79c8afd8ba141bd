using System.Collections.Frozen;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>Block streams opened by id are the streams their persistence ids name, numbered as any other stream.</summary>
public sealed class HostEventLogTests
{
    [Fact]
    public void A_block_stream_opened_by_id_is_the_stream_its_persistence_id_names()
    {
        var log = new HostEventLog { Keep = false };
        var block = log.BlockStream("run/h1", 42, 64);
        block.Skip();
        block.Skip();
        var mhp = log.StreamOf("run/h1/mhp");
        mhp.Skip();

        Assert.Same(block, log.StreamOf("run/h1/memory42"));
        Assert.Same(block, log.BlockStream("run/h1", 42, 64));
        Assert.Equal("run/h1/memory42", block.PersistenceId);
        Assert.Equal(2, log.HighestSequenceNr("run/h1/memory42"));
        Assert.Equal(0, log.HighestSequenceNr("run/h1/memory042"));
        Assert.Equal(0, log.HighestSequenceNr("run/h1/memory43"));
        Assert.Equal(1, log.HighestSequenceNr("run/h1/mhp"));
        Assert.Equal(
            new Dictionary<string, long> { ["run/h1/memory42"] = 2, ["run/h1/mhp"] = 1 },
            log.Streams().OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void A_restored_block_stream_continues_from_where_the_snapshot_stood()
    {
        var log = new HostEventLog { Keep = false };
        log.Restore([], new Dictionary<string, long> { ["h/memory7"] = 5, ["h/mhp"] = 3 }.ToFrozenDictionary(StringComparer.Ordinal));
        var block = log.BlockStream("h", 7, 8);
        block.Skip();

        Assert.Equal(6, log.HighestSequenceNr("h/memory7"));
        Assert.Equal(6, block.Next() - 1);
        Assert.Equal(3, log.HighestSequenceNr("h/mhp"));
        Assert.Equal(7, log.Streams()["h/memory7"]);
    }
}
