using HotplugCluster.Actors;
using HotplugCluster.Actors.Cells;

namespace HotplugCluster.TestKit;

/// <summary>A reference plus white-box access to the actor instance behind it (for assertions on state, not for calling handlers).</summary>
public sealed class TestActorRef<TActor>
    where TActor : ActorBase
{
    private readonly ActorSystem _system;
    private readonly ActorCell _cell;

    internal TestActorRef(ActorSystem system, IActorRef actor)
    {
        _system = system;
        _cell = (ActorCell)actor;
    }

    /// <summary>The actor's reference.</summary>
    public IActorRef Ref => _cell;

    /// <summary>The current incarnation of the actor (a new object after a restart); runs the system until the actor exists.</summary>
    public TActor UnderlyingActor
    {
        get
        {
            if (_cell.Actor is null && !_cell.IsTerminated)
            {
                _system.RunUntil(() => _cell.Actor is not null || _cell.IsTerminated, TimeSpan.Zero);
            }

            return _cell.Actor as TActor ?? throw new InvalidOperationException($"{_cell.Path} has no live {typeof(TActor).Name} instance");
        }
    }
}
