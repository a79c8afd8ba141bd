using Akka.Cluster.Sharding;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// Routes <see cref="RunSlice"/> to its slice's entity. The shard is the slice's ordinal modulo <see cref="Shards"/>, so
/// consecutive slices land in different shards, which sharding's least-shard allocation hands to members in turn: each
/// member gets an equal share of a job's slices (a hash would give one member more and leave the other idle at the end).
/// </summary>
/// <param name="shards">Shards of slices (<c>hotplug.cluster.shards</c>), the same on every member.</param>
public sealed class SliceMessageExtractor(int shards) : IMessageExtractor
{
    /// <summary>Shards of slices: a member with none runs nothing, so at least one per member.</summary>
    public int Shards { get; } = shards > 0 ? shards : throw new ArgumentOutOfRangeException(nameof(shards), shards, "at least one shard");

    /// <inheritdoc />
    public string? EntityId(object message) => message is RunSlice run ? run.EntityId : null;

    /// <inheritdoc />
    public object? EntityMessage(object message) => message;

    /// <inheritdoc />
    public string ShardId(object message) => message is RunSlice run ? ShardOf(run.Ordinal) : throw new ArgumentException($"{message.GetType()} is not a slice message", nameof(message));

    /// <inheritdoc />
    public string ShardId(string entityId, object? messageHint = null) => ShardOf(SliceEntity.OrdinalOf(entityId));

    private string ShardOf(int ordinal) => (ordinal % Shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
