namespace HotplugCluster.Persistence.Journal;

/// <summary>One journaled event as the journal stores it: its stream, position, type tag and encoded bytes.</summary>
/// <param name="PersistenceId">The stream the event belongs to.</param>
/// <param name="SequenceNr">Its position in that stream, from 1, without gaps.</param>
/// <param name="Manifest">The event's type and version (e.g. <c>BlockOnlined.v1</c>); selects the decoder.</param>
/// <param name="Payload">The encoded event (see <see cref="Serialization.EventCodecRegistry"/>).</param>
/// <param name="Timestamp">The writer's clock when the event was persisted (virtual time in the simulator).</param>
/// <param name="Writer">Identifies the writing actor incarnation, as Akka's writer UUID does.</param>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    ReadOnlyMemory<byte> Payload,
    long Timestamp,
    string Writer)
{
    /// <summary>Tags under which the event can be queried (stored in the tag table).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
