namespace HotplugCluster.Persistence.Journal;

/// <summary>What <see cref="IJournalQueries.ReadSnapshot"/> returns on the SQL journals: ends its part of the read once, under the journal's gate.</summary>
internal sealed class ReadSnapshotScope(Lock gate, Action end) : IDisposable
{
    private bool _ended;

    public void Dispose()
    {
        lock (gate)
        {
            if (!_ended)
            {
                _ended = true;
                end();
            }
        }
    }
}
