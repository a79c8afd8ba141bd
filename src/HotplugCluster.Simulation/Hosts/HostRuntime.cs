using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>The deterministic scheduler a host runs on: a whole system, or one island of a parallel system.</summary>
internal sealed class HostRuntime(ActorSystem? system, Island? island, bool owned)
{
    /// <summary>How far a run may move virtual time; hosts use no timers, so a stuck host returns at once.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    public ActorSystem? System { get; } = system;

    public Island? Island { get; } = island;

    public bool Owned { get; } = owned;

    public Trace? Trace => Island is null ? System!.Trace : Island.Trace;

    public IActorRef ActorOf(Props props, string name) => Island is null ? System!.ActorOf(props, name) : Island.ActorOf(props, name);

    public bool RunUntil(Func<bool> done) => Island is null ? System!.RunUntil(done, Horizon) : Island.RunUntil(done, Horizon);

    public long RunUntilQuiescent() => Island is null ? System!.RunUntilQuiescent() : Island.RunUntilQuiescent();
}
