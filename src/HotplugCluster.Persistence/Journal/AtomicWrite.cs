namespace HotplugCluster.Persistence.Journal;

/// <summary>
/// The events of one <c>Persist</c>/<c>PersistAll</c> call: written all or nothing, and rejected all or
/// nothing. All events share one persistence id and have consecutive sequence numbers.
/// </summary>
public sealed class AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentRepr> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }

        var first = events[0];
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != first.PersistenceId || events[i].SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException(
                    $"An atomic write holds consecutive events of one persistence id; event {i} is {events[i].PersistenceId}#{events[i].SequenceNr} after {first.PersistenceId}#{first.SequenceNr}.",
                    nameof(events));
            }
        }

        Events = events;
    }

    public AtomicWrite(PersistentRepr evt)
        : this([evt])
    {
    }

    public IReadOnlyList<PersistentRepr> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
