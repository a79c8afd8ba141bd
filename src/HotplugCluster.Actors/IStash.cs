namespace HotplugCluster.Actors;

/// <summary>Sets messages aside to process later (Akka's unbounded stash); unstashed messages go before anything in the mailbox.</summary>
public interface IStash
{
    /// <summary>Number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the message being processed; stashing the same message twice throws.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the head of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the head of the mailbox, in stash order.</summary>
    void UnstashAll();

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<object> ClearStash();
}
