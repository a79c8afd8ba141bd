namespace HotplugCluster.Actors.Tests;

/// <summary>Small actors shared by the tests.</summary>
internal static class TestActors
{
    /// <summary>Replies to every message with the same message.</summary>
    public sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }

    /// <summary>Counts "inc", replies to "get" with the count, throws on "fail", handles nothing else.</summary>
    public sealed class Counter : ReceiveActor
    {
        public Counter()
        {
            Receive<string>(s => s == "inc", _ => Count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(Count, Self));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("asked to fail"));
        }

        public int Count { get; private set; }
    }

    /// <summary>Forwards every lifecycle hook and message to a monitor as a string.</summary>
    public sealed class Lifecycle(IActorRef monitor) : UntypedActor
    {
        protected override void PreStart() => monitor.Tell("PreStart", Self);

        protected override void PostStop() => monitor.Tell("PostStop", Self);

        protected override void PreRestart(Exception reason, object? message)
        {
            monitor.Tell($"PreRestart:{message}", Self);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            monitor.Tell("PostRestart", Self);
            base.PostRestart(reason);
        }

        protected override void OnReceive(object message)
        {
            if (message is "fail")
            {
                throw new InvalidOperationException("fail");
            }

            monitor.Tell(message, Self);
        }
    }
}
