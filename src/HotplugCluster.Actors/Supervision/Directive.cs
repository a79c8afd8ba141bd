namespace HotplugCluster.Actors.Supervision;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; continue with the next message (the failing one is dropped).</summary>
    Resume,

    /// <summary>Replace the actor instance with a fresh one from its <see cref="Props"/>; the mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
