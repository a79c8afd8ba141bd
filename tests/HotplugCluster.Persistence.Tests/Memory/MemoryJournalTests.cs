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

    protected override void Cleanup()
    {
    }
}
