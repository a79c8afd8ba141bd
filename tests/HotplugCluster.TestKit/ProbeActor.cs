using HotplugCluster.Actors;

namespace HotplugCluster.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: queues every message with its sender for the test to inspect.</summary>
internal sealed class ProbeActor(Queue<(object Message, IActorRef Sender)> received) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is WatchCommand watch)
        {
            Context.Watch(watch.Target);
            return;
        }

        received.Enqueue((message, Sender));
    }

    internal sealed record WatchCommand(IActorRef Target);
}
