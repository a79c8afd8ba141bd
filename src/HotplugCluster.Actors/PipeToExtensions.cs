using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors;

/// <summary>Delivers a task's outcome to an actor as a message: the result, or <see cref="Status.Failure"/>.</summary>
public static class PipeToExtensions
{
    /// <summary>When <paramref name="task"/> completes, tells its result (or a <see cref="Status.Failure"/>) to <paramref name="recipient"/>.
    /// The continuation runs synchronously where the task completes, so an Ask piped on a deterministic system stays on the driving thread.</summary>
    public static void PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(t.Result!, sender);
                }
                else
                {
                    recipient.Tell(new Status.Failure(t.Exception?.GetBaseException() ?? new TaskCanceledException(t)), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
