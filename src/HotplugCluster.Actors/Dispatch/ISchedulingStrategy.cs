namespace HotplugCluster.Actors.Dispatch;

/// <summary>Chooses, at each step of a deterministic dispatcher, which enabled actor processes its next message. The strategy owns the
/// enabled set: an actor is handed to <see cref="Enable"/> when it gains work and stays in the set until <see cref="Choose"/> returns it.</summary>
/// <remarks>Strategies must be deterministic functions of their seed and the calls they receive. A priority-based strategy (PCT)
/// keys priorities on <see cref="IScheduledActor.Id"/> and places change points on the step number.</remarks>
public interface ISchedulingStrategy
{
    /// <summary>Adds an actor that has work and was not in the enabled set.</summary>
    void Enable(IScheduledActor actor);

    /// <summary>Removes and returns the actor that performs step <paramref name="stepNumber"/>, or null when the enabled set is empty.</summary>
    IScheduledActor? Choose(long stepNumber);
}
