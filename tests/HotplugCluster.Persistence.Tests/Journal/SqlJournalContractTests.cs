using Xunit;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>
/// The contract of the journals on a database server or file that other processes open at the same time (SQLite,
/// PostgreSQL): what one connection reads while another writes. The memory journal has no second connection.
/// </summary>
public abstract class SqlJournalContractTests : JournalContractTests
{
    [ContractFact]
    public void ReadSnapshot_sees_one_moment_while_another_connection_writes()
    {
        Assert.All(WriteAll(Write("r/a", 1, 2)), Assert.Null);
        using var other = Reopen();

        using (Store.ReadSnapshot())
        {
            Assert.Equal(2, Store.CurrentEventsByPersistenceIdPrefix("r/").Count);
            Assert.All(other.WriteMessagesAsync([Write("r/a", 3, 4), Write("r/b", 1, 1)]).GetAwaiter().GetResult(), Assert.Null);

            Assert.Equal([1L, 2], Store.CurrentEventsByPersistenceIdPrefix("r/").Select(e => e.Event.SequenceNr));
            Assert.Equal([1L, 2], Store.CurrentEventsByPersistenceId("r/a").Select(e => e.Event.SequenceNr));
            Assert.Equal(["r/a"], Store.CurrentPersistenceIds());
        }

        Assert.Equal(5, Store.CurrentEventsByPersistenceIdPrefix("r/").Count);
        Assert.Equal(["r/a", "r/b"], Store.CurrentPersistenceIds());
    }

    [ContractFact]
    public void ReadSnapshot_scopes_nest_and_the_outer_one_keeps_the_moment()
    {
        Assert.All(WriteAll(Write("r/a", 1, 1)), Assert.Null);
        using var other = Reopen();

        using (Store.ReadSnapshot())
        {
            using (Store.ReadSnapshot())
            {
                Assert.Single(Store.CurrentEventsByPersistenceId("r/a"));
            }

            Assert.All(other.WriteMessagesAsync([Write("r/a", 2, 2)]).GetAwaiter().GetResult(), Assert.Null);
            Assert.Single(Store.CurrentEventsByPersistenceId("r/a"));
        }

        Assert.Equal(2, Store.CurrentEventsByPersistenceId("r/a").Count);
    }
}
