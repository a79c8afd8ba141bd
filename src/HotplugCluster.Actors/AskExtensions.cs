using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors;

/// <summary>Request-reply from outside an actor (or, with <see cref="PipeToExtensions.PipeTo"/>, back into one).</summary>
public static class AskExtensions
{
    /// <summary>Sends <paramref name="message"/> with a temporary sender and returns the first reply as <typeparamref name="T"/>.
    /// The task fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/> (default: the system's ask timeout; virtual
    /// time on the deterministic dispatcher) or at once if the recipient had stopped; with the reply's cause on <see cref="Messages.Status.Failure"/>;
    /// with <see cref="InvalidCastException"/> on a reply of another type.</summary>
    /// <remarks>On a deterministic system the task completes on the driving thread during a step: run the system (e.g.
    /// <see cref="ActorSystem.RunUntil(Task, TimeSpan?)"/>) and read the result, rather than blocking on it.</remarks>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var (system, scheduler, inline) = target switch
        {
            ActorCell cell => (cell.System, cell.Dispatcher.Scheduler, cell.Dispatcher.IsDeterministic),
            _ => throw new ArgumentException("Ask needs an actor created by an ActorSystem", nameof(target)),
        };
        var wait = timeout ?? system.Settings.AskTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        var promise = new PromiseActorRef<T>(system.NextTempId(), inline);
        promise.Start(scheduler, wait, target);
        target.Tell(message, promise);
        return promise.Task;
    }
}
