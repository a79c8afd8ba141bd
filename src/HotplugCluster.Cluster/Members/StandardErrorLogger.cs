using Akka.Actor;
using Akka.Event;

namespace HotplugCluster.Cluster.Members;

/// <summary>
/// Akka's log, one line per event, on standard error: standard output belongs to the command (a member's "up" and slice
/// lines, a fleet's table or --json), which Akka's default logger would interleave with its own lines.
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor
{
    /// <summary>Answers Akka's logger handshake and writes every event it is subscribed to.</summary>
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
