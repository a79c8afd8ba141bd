using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Messages;

/// <summary>An operation asks the owner of <see cref="Step"/>'s partition to run it (attempt 1, 2, … of a retrying step).</summary>
/// <remarks>
/// Under <see cref="Hosts.HostProtocol.Fleet"/> a thread sends one instance for every step it runs (<see cref="Reuse"/>):
/// it has one step out at a time and sends the next only after the owner's reply, and owners keep nothing of the message
/// past it (the step log and <c>OnStep</c> copy its fields), so a step costs no message. Under
/// <see cref="Hosts.HostProtocol.Exploration"/> every step is a message of its own, as a recorded schedule holds it.
/// </remarks>
internal sealed record RunStep(KernelStep Step, string OpId, int Attempt)
{
    public KernelStep Step { get; private set; } = Step;

    public string OpId { get; private set; } = OpId;

    public int Attempt { get; private set; } = Attempt;

    /// <summary>This message, now for <paramref name="step"/> (its sender's previous step has been answered).</summary>
    public RunStep Reuse(KernelStep step, string opId, int attempt)
    {
        (Step, OpId, Attempt) = (step, opId, attempt);
        return this;
    }
}

/// <summary>
/// The owner ran the step and applied its events; <see cref="Retry"/> says whether to run it again. The step's result
/// itself (events, errno) the operation already has: <see cref="KernelStep.Execute"/> records it on the operation
/// (<c>Last</c>), so the reply carries no copy and is one of two shared messages.
/// </summary>
internal sealed record StepDone
{
    private StepDone(bool retry) => Retry = retry;

    /// <summary>Go on with the next step.</summary>
    public static StepDone Next { get; } = new(false);

    /// <summary>Run the step again (a retry loop's pass that made no progress).</summary>
    public static StepDone Again { get; } = new(true);

    public bool Retry { get; }

    public static StepDone For(StepResult result) => result.Retry ? Again : Next;
}

/// <summary>The owner refused to run the step: the operation does not hold the lock the step names, or the step threw (a model error).</summary>
internal sealed record StepRefused(string Reason, Exception? Cause = null);
