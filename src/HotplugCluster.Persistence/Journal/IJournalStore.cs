using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Journal;

/// <summary>One database holding a journal, its queries and its snapshots; what <see cref="Journals.Open"/> returns.</summary>
public interface IJournalStore : IAsyncWriteJournal, IJournalQueries, ISnapshotStore, IDisposable
{
    /// <summary>The file or server the store writes to, for messages.</summary>
    string DataSource { get; }
}
