using Akka.Cluster.Sharding;

namespace HotplugCluster.Cluster.Slices;

/// <summary>Routes <see cref="RunSlice"/> to its slice's entity; shards by a hash of the entity id.</summary>
public sealed class SliceMessageExtractor() : HashCodeMessageExtractor(Shards)
{
    /// <summary>
    /// Shards of slices. Every member must use the same number. Each shard costs a few journal reads and writes when it
    /// starts, so there are few: enough for 30 members to get one each (Akka suggests about ten per member, which
    /// matters when shards rebalance; slices finish and leave instead).
    /// </summary>
    public const int Shards = 30;

    /// <inheritdoc />
    public override string? EntityId(object message) => message is RunSlice run ? run.EntityId : null;
}
