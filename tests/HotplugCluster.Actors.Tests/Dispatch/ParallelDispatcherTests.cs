using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class ParallelDispatcherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void Stress_every_message_arrives_once_and_in_order_per_sender(int throughput)
    {
        const int senders = 8;
        const int receivers = 4;
        const int perSender = 20_000;
        using var system = ActorSystem.Create("stress", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel, Throughput = throughput });
        var done = new CountdownEvent(receivers);
        var failures = new List<string>();
        var sinks = Enumerable.Range(0, receivers)
            .Select(i => system.ActorOf(Props.Create(() => new Sink(senders, perSender / receivers, done, failures))))
            .ToArray();
        for (var s = 0; s < senders; s++)
        {
            var sender = system.ActorOf(Props.Create(() => new Source(sinks, perSender)));
            sender.Tell("go", null);
        }

        Assert.True(done.Wait(Bound), "receivers did not get every message within the bound");
        lock (failures)
        {
            Assert.Empty(failures);
        }
    }

    [Fact]
    public void Stress_tells_from_many_outside_threads_all_arrive()
    {
        const int threads = 4;
        const int perThread = 25_000;
        using var system = ActorSystem.Create("outside", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var done = new ManualResetEventSlim();
        var counter = system.ActorOf(Props.Create(() => new CountTo(threads * perThread, done)));

        Parallel.For(0, threads, _ =>
        {
            for (var i = 0; i < perThread; i++)
            {
                counter.Tell(i, null);
            }
        });

        Assert.True(done.Wait(Bound));
    }

    [Fact]
    public async Task Ask_on_the_parallel_dispatcher_completes_on_the_thread_pool()
    {
        using var system = ActorSystem.Create("ask", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var echo = system.ActorOf(Props.Create<TestActors.Echo>());

        var reply = echo.Ask<string>("hi", TimeSpan.FromSeconds(30));

        Assert.Equal("hi", await reply.WaitAsync(Bound));
    }

    [Fact]
    public async Task Failures_are_supervised_without_losing_other_actors_messages()
    {
        using var system = ActorSystem.Create("faults", new ActorSystemSettings { Dispatcher = DispatcherKind.Parallel });
        var counter = system.ActorOf(Props.Create<TestActors.Counter>());
        for (var i = 0; i < 1000; i++)
        {
            counter.Tell(i % 10 == 0 ? "fail" : "inc", null);
        }

        var reply = counter.Ask<int>("get", TimeSpan.FromSeconds(30));

        Assert.InRange(await reply.WaitAsync(Bound), 0, 900);
    }

    private sealed class Source(IActorRef[] sinks, int count) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            for (var i = 0; i < count; i++)
            {
                sinks[i % sinks.Length].Tell(i / sinks.Length, Self);
            }
        }
    }

    private sealed class Sink(int senders, int perSender, CountdownEvent done, List<string> failures) : UntypedActor
    {
        private readonly Dictionary<IActorRef, int> _next = [];
        private int _received;

        protected override void OnReceive(object message)
        {
            var n = (int)message;
            _next.TryGetValue(Sender, out var expected);
            if (n != expected)
            {
                lock (failures)
                {
                    failures.Add($"{Self.Path}: from {Sender.Path} expected {expected} got {n}");
                }
            }

            _next[Sender] = n + 1;
            if (++_received == senders * perSender)
            {
                done.Signal();
            }
        }
    }

    private sealed class CountTo(int target, ManualResetEventSlim done) : UntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (++_count == target)
            {
                done.Set();
            }
        }
    }
}
