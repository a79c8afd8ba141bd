using HotplugCluster.Actors;
using HotplugCluster.Persistence.Actors;
using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Actors;

public sealed class TransientPersistenceTests : ActorTestKit
{
    public TransientPersistenceTests() => PersistenceExtension.StartTransient(Sys);

    [Fact]
    public void Handlers_run_at_once_and_sequence_numbers_still_count()
    {
        var log = new List<string>();
        var counter = ActorOf(Props.Create(() => new PersistentActorTests.Counter("transient", log, null)));

        counter.Tell(new PersistentActorTests.Add(2, Times: 2), TestActor.Ref);
        counter.Tell(new PersistentActorTests.Get(), TestActor.Ref);

        Assert.Equal(new PersistentActorTests.Total(2), ExpectMsg<PersistentActorTests.Total>());
        Assert.Equal(new PersistentActorTests.Total(4), ExpectMsg<PersistentActorTests.Total>());
        Assert.Equal(new PersistentActorTests.Total(4), ExpectMsg<PersistentActorTests.Total>());
        Assert.Equal(["recovered 0@0", "persisted 2@1", "persisted 2@2", "get 4"], log);
        Assert.True(PersistenceExtension.For(Sys).IsTransient);
    }
}
