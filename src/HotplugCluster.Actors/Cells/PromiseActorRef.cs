using HotplugCluster.Actors.Messages;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Cells;

/// <summary>The reply target of one Ask: the first reply of type <typeparamref name="T"/> completes the task, a <see cref="Status.Failure"/>
/// or a reply of another type fails it, the timeout fails it with <see cref="AskTimeoutException"/>.</summary>
internal sealed class PromiseActorRef<T> : IActorRef, IPromiseRef
{
    private readonly TaskCompletionSource<T> _promise;
    private readonly long _id;
    private ICancelable? _timeout;

    public PromiseActorRef(long id, bool inline)
    {
        _id = id;
        // Inline continuations keep deterministic runs on the driving thread; parallel ones must not run user code on the replier's thread.
        _promise = new TaskCompletionSource<T>(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<T> Task => _promise.Task;

    public ActorPath Path => new(new ActorPath(new ActorPath((ActorPath?)null, string.Empty, -1), "temp", -1), "$" + _id, _id);

    public void Start(IScheduler scheduler, TimeSpan timeout, IActorRef target) =>
        _timeout = scheduler.ScheduleOnce(timeout, () => Complete(() => _promise.TrySetException(
            new AskTimeoutException($"Ask of {target.Path} timed out after {timeout.TotalMilliseconds} ms"))));

    public void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case Status.Failure failure:
                Complete(() => _promise.TrySetException(failure.Cause));
                break;
            case T reply:
                Complete(() => _promise.TrySetResult(reply));
                break;
            default:
                Complete(() => _promise.TrySetException(new InvalidCastException(
                    $"Ask expected a reply of type {typeof(T).Name} but got {message.GetType().Name}")));
                break;
        }
    }

    public void FailRecipientStopped(IActorRef recipient) =>
        Complete(() => _promise.TrySetException(new AskTimeoutException($"Ask of {recipient.Path}: the recipient had stopped")));

    private void Complete(Func<bool> complete)
    {
        if (complete())
        {
            _timeout?.Cancel();
        }
    }
}
