using System.Collections.Concurrent;
using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>A multi-producer, single-consumer mailbox for the parallel dispatcher; unstashed messages are consumed first.</summary>
internal sealed class ParallelMailbox
{
    public MailboxQueue<Envelope> User { get; } = new();

    public ConcurrentQueue<SystemMessage> System { get; } = new();

    /// <summary>Touched only by the thread running the actor.</summary>
    public Queue<Envelope>? Unstashed { get; set; }
}
