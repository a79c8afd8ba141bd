namespace HotplugCluster.Persistence.Actors;

/// <summary>
/// A <see cref="PersistentActor"/> whose recovery and command handlers are registered by type in its
/// constructor (<see cref="Recover{T}(Action{T})"/>, <see cref="Command{T}(Action{T})"/>), as with Akka.NET's
/// <c>ReceivePersistentActor</c>. The first matching handler wins.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recover = [];
    private readonly List<Func<object, bool>> _commands = [];

    /// <summary>Handles recovered messages of type <typeparamref name="T"/> (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>).</summary>
    protected void Recover<T>(Action<T> handler) => _recover.Add(Wrap(handler));

    /// <summary>Handles commands of type <typeparamref name="T"/>.</summary>
    protected void Command<T>(Action<T> handler) => _commands.Add(Wrap(handler));

    /// <summary>Handles commands of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ArgumentNullException.ThrowIfNull(handler);
        _commands.Add(m =>
        {
            if (m is T t && shouldHandle(t))
            {
                handler(t);
                return true;
            }

            return false;
        });
    }

    /// <summary>Handles any command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => _commands.Add(Wrap(handler));

    /// <inheritdoc/>
    protected sealed override bool ReceiveRecover(object message) => Dispatch(_recover, message) || message is RecoveryCompleted or SnapshotOffer;

    /// <inheritdoc/>
    protected sealed override bool ReceiveCommand(object message) => Dispatch(_commands, message);

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler(message))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<object, bool> Wrap<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return m =>
        {
            if (m is T t)
            {
                handler(t);
                return true;
            }

            return false;
        };
    }
}
