using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Tests.Slices;

public sealed class SliceMessageExtractorTests
{
    [Fact]
    public void Consecutive_slices_land_in_different_shards_and_an_entity_id_alone_finds_its_shard()
    {
        var extractor = new SliceMessageExtractor(30);
        var runs = Enumerable.Range(0, extractor.Shards)
            .Select(i => new RunSlice("job", i, new FleetSlice(0, i * 5, (i * 5) + 5), [], "1.0", "abc", Akka.Actor.ActorRefs.Nobody))
            .ToList();
        Assert.Equal(extractor.Shards, runs.Select(extractor.ShardId).Distinct().Count());

        // Remembered entities restart from their id alone, with no message: the shard must be the same.
        Assert.All(runs, r => Assert.Equal(extractor.ShardId(r), extractor.ShardId(extractor.EntityId(r)!)));
    }
}
