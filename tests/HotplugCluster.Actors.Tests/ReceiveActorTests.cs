using HotplugCluster.TestKit;
using Xunit;

namespace HotplugCluster.Actors.Tests;

public sealed class ReceiveActorTests : ActorTestKit
{
    [Fact]
    public void Receive_dispatches_by_type_and_predicate_in_registration_order()
    {
        var counter = ActorOfAsTestActorRef<TestActors.Counter>(Props.Create<TestActors.Counter>());
        counter.Ref.Tell("inc", null);
        counter.Ref.Tell("inc", null);
        counter.Ref.Tell("get", TestActor.Ref);

        Assert.Equal(2, ExpectMsg<int>());
        Assert.Equal(2, counter.UnderlyingActor.Count);
    }

    [Fact]
    public void Become_replaces_the_behaviour_and_UnbecomeStacked_restores_it()
    {
        var toggle = ActorOf(Props.Create<Toggle>());

        toggle.Tell("ping", TestActor.Ref);
        Assert.Equal("happy", ExpectMsg<string>());
        toggle.Tell("swap", TestActor.Ref);
        toggle.Tell("ping", TestActor.Ref);
        Assert.Equal("sad", ExpectMsg<string>());
        toggle.Tell("swap", TestActor.Ref);
        toggle.Tell("ping", TestActor.Ref);
        Assert.Equal("happy", ExpectMsg<string>());
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_before_newer_ones_in_order()
    {
        var gate = ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor.Ref);
        gate.Tell(2, TestActor.Ref);
        gate.Tell("open", TestActor.Ref);
        gate.Tell(3, TestActor.Ref);

        Assert.Equal(1, ExpectMsg<int>());
        Assert.Equal(2, ExpectMsg<int>());
        Assert.Equal(3, ExpectMsg<int>());
    }

    private sealed class Toggle : ReceiveActor
    {
        public Toggle()
        {
            Receive<string>(s => s == "ping", _ => Sender.Tell("happy", Self));
            Receive<string>(s => s == "swap", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "ping", _ => Sender.Tell("sad", Self));
                Receive<string>(s => s == "swap", _ => UnbecomeStacked());
            }));
        }
    }

    private sealed class Gate : ReceiveActor
    {
        public Gate()
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<int>(i => Sender.Tell(i, Self)));
                Stash.UnstashAll();
            });
        }
    }
}
