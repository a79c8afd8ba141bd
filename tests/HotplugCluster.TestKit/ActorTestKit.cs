using HotplugCluster.Actors;

namespace HotplugCluster.TestKit;

/// <summary>A base for actor tests: a fresh deterministic <see cref="ActorSystem"/> per test, a default probe (<see cref="TestActor"/>),
/// and shortcuts to its Expect methods. Everything runs on the test's thread in virtual time. Extension point: test classes derive from it.</summary>
public abstract class ActorTestKit : IDisposable
{
    private readonly Lazy<TestProbe> _testActor;

    /// <summary>Creates the kit with <paramref name="settings"/> (default: deterministic, FIFO, seed 0).</summary>
    protected ActorTestKit(ActorSystemSettings? settings = null, TimeSpan? defaultTimeout = null)
    {
        Sys = ActorSystem.Create("test", settings);
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(3);
        _testActor = new Lazy<TestProbe>(() => CreateTestProbe("testActor"));
    }

    /// <summary>The system under test.</summary>
    protected ActorSystem Sys { get; }

    /// <summary>The virtual-time wait of Expect methods given no timeout.</summary>
    protected TimeSpan DefaultTimeout { get; }

    /// <summary>The default probe, created on first use.</summary>
    protected TestProbe TestActor => _testActor.Value;

    /// <summary>A new probe (an actor under <c>/user</c>).</summary>
    protected TestProbe CreateTestProbe(string? name = null) => new(Sys, name, DefaultTimeout);

    /// <summary>Creates a top-level actor.</summary>
    protected IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Creates a top-level actor with white-box access to its instance.</summary>
    protected TestActorRef<TActor> ActorOfAsTestActorRef<TActor>(Props props, string? name = null)
        where TActor : ActorBase => new(Sys, Sys.ActorOf(props, name));

    /// <summary>Runs the system until no actor is enabled.</summary>
    protected long RunUntilQuiescent() => Sys.RunUntilQuiescent();

    /// <summary>Shortcut for <see cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/> on <see cref="TestActor"/>.</summary>
    protected T ExpectMsg<T>(TimeSpan? max = null) => TestActor.ExpectMsg<T>(max);

    /// <summary>Shortcut for <see cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?)"/> on <see cref="TestActor"/>.</summary>
    protected T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? max = null) => TestActor.ExpectMsg(predicate, max);

    /// <summary>Shortcut for <see cref="TestProbe.ExpectNoMsg"/> on <see cref="TestActor"/>.</summary>
    protected void ExpectNoMsg(TimeSpan? duration = null) => TestActor.ExpectNoMsg(duration);

    /// <summary>Shortcut for <see cref="TestProbe.FishForMessage{T}"/> on <see cref="TestActor"/>.</summary>
    protected T FishForMessage<T>(Predicate<T> isTheMessage, TimeSpan? max = null) => TestActor.FishForMessage(isTheMessage, max);

    /// <summary>Shortcut for <see cref="TestProbe.Within(TimeSpan, Action)"/> on <see cref="TestActor"/>.</summary>
    protected void Within(TimeSpan max, Action body) => TestActor.Within(max, body);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sys.Dispose();
        }
    }
}
