using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors;

/// <summary>Islands: deterministic subtrees of a parallel system.</summary>
public sealed partial class ActorSystem
{
    /// <summary>Creates an island at <c>/user/<paramref name="name"/></c>: a subtree with its own deterministic dispatcher, virtual clock and seed.
    /// Only parallel systems have islands (a deterministic system is one island already).</summary>
    public Island CreateIsland(string name, IslandSettings? settings = null)
    {
        if (_deterministic is not null)
        {
            throw new InvalidOperationException("islands belong to parallel systems: a deterministic system is already one island");
        }

        settings ??= new IslandSettings();
        if (!Enum.IsDefined(settings.Strategy))
        {
            throw new ArgumentException($"strategy: unknown kind {(int)settings.Strategy}", nameof(settings));
        }

        var dispatcher = new DeterministicDispatcher(
            this, ActorSystemSettings.CreateStrategy(settings.StrategyFactory, settings.Strategy, settings.Seed), settings.RecordTrace, guarded: true);
        Cells.ActorCell guardian;
        using (dispatcher.Access())
        {
            guardian = _user.CreateChild(Props.Create(static () => new IslandGuardian()), name, dispatcher);
        }

        var island = new Island(name, settings, dispatcher, guardian);
        lock (_islands)
        {
            _islands.Add(island);
        }

        return island;
    }

    /// <summary>A discarded island leaves the system's list, so nothing keeps its actors alive.</summary>
    internal void ForgetIsland(Island island)
    {
        lock (_islands)
        {
            _islands.Remove(island);
        }
    }

    private sealed class IslandGuardian : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }
}
