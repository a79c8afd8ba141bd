using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Nothing journaled that the state does not reflect (and nothing in the state the journal lacks): replaying the
/// journal with <c>Apply</c> alone gives the live state. Keeps a shadow state and applies only the events journaled
/// since the last check, then compares blocks, zones, nodes, groups, resources, dax devices, stray pages and block
/// references. Stateful: use one instance per host. Skipped when the host keeps no journal.
/// </summary>
/// <remarks>DESIGN "Apply rebuilds state"; <see cref="KernelHost.Replay"/>.</remarks>
public sealed class JournalReflectsState : IInvariant
{
    private HostState? _shadow;
    private HostState? _live;
    private int _applied;

    public string Name => "journal-replay";

    public string Description => "replaying the journal gives the live state";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Journal is not { } journal)
        {
            return [];
        }

        if (!ReferenceEquals(_live, context.State) || journal.Count < _applied)
        {
            _live = context.State;
            _shadow = new HostState(context.State.Layout);
            _applied = 0;
        }

        for (; _applied < journal.Count; _applied++)
        {
            KernelApply.Apply(_shadow!, journal[_applied]);
        }

        var live = StateFingerprint.Of(context.State);
        var replayed = StateFingerprint.Of(_shadow!);
        return StateFingerprint.Differences(live, replayed)
            .Select(d => new InvariantViolation(Name, $"after {journal.Count} events, {d}"))
            .ToList();
    }
}
