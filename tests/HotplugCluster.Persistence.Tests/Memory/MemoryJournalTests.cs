using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Memory;
using HotplugCluster.Persistence.Tests.Journal;

namespace HotplugCluster.Persistence.Tests.Memory;

/// <summary>The in-memory journal passes the same contract as the SQL journals.</summary>
public sealed class MemoryJournalTests : JournalContractTests
{
    private readonly MemoryJournal _journal = new();

    protected override IJournalStore CreateStore() => _journal;

    protected override IJournalStore Reopen() => _journal;

    protected override void CorruptPayload(string persistenceId, long sequenceNr, int byteIndex) =>
        _journal.Replace(persistenceId, sequenceNr, e =>
        {
            var payload = e.Payload.ToArray();
            payload[byteIndex] ^= 0x04;
            return e with { Payload = payload };
        });

    protected override void Cleanup()
    {
    }
}
