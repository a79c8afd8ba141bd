using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace HotplugCluster.Cluster.Members;

/// <summary>
/// Akka's log, one line per event, on standard error: standard output belongs to the command (a member's "up" and slice
/// lines, a fleet's table or --json), which Akka's default logger would interleave with its own lines.
/// A closed connection to a member that had left the cluster (an orderly stop) is not written: remoting reports every
/// closed association as an error, the cluster knows whether the member left or was lost.
/// </summary>
public sealed partial class StandardErrorLogger : ReceiveActor
{
    // Remoting's own type (internal to Akka.Remote): its endpoint writer fails with it when a connection closes.
    private const string Disassociation = "Akka.Remote.EndpointDisassociatedException";

    /// <summary>Answers Akka's logger handshake and writes every event it is subscribed to but orderly disconnections.</summary>
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (DisconnectedFrom(e) is { } peer && HasLeft(Context.System, peer))
            {
                return;
            }

            Console.Error.WriteLine(LineOf(e));
        });
    }

    /// <summary>
    /// The member at the other end of a closed remoting connection that <paramref name="logEvent"/> reports (Akka's
    /// endpoint writer failing with <c>EndpointDisassociatedException</c>), or null for any other event.
    /// </summary>
    public static Address? DisconnectedFrom(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        for (var cause = logEvent.Cause; cause is not null; cause = cause.InnerException)
        {
            if (cause.GetType().FullName == Disassociation
                && RemoteAddress().Match(Uri.UnescapeDataString(logEvent.LogSource ?? string.Empty)) is { Success: true } m)
            {
                return Address.Parse(m.Value);
            }
        }

        return null;
    }

    /// <summary>
    /// One line: level, source, message and the causes' messages. Akka's own rendering appends the cause's stack trace,
    /// which a user reads as a crash (a member that lost a peer logs "Disassociated" with one); the line keeps what it says.
    /// </summary>
    public static string LineOf(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var level = logEvent.LogLevel().ToString().Replace("Level", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (DisconnectedFrom(logEvent) is { } peer)
        {
            return $"[{level}][{logEvent.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ}][remoting] lost the connection to {peer}, which had not left the cluster (killed or crashed?): the failure detector marks it unreachable and the split-brain resolver downs it";
        }

        var line = $"[{level}][{logEvent.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ}][{logEvent.LogSource}] {MessageOf(logEvent)}";
        for (var cause = logEvent.Cause; cause is not null; cause = cause.InnerException)
        {
            line += $" (cause: {cause.GetType().Name}: {cause.Message})";
        }

        return line.ReplaceLineEndings(" ");
    }

    private static string MessageOf(LogEvent logEvent) => logEvent.Message switch
    {
        null => string.Empty,
        LogMessage formatted => formatted.ToString() ?? string.Empty,
        var other => other.ToString() ?? string.Empty,
    };

    [GeneratedRegex(@"akka\.tcp://[^/@\s]+@[^/:\s]+:\d+")]
    private static partial Regex RemoteAddress();

    // Left: leaving, exiting, removed, or no longer (or never) a member. A member still up or unreachable was lost.
    private static bool HasLeft(ActorSystem system, Address peer)
    {
        if (((ExtendedActorSystem)system).Provider is not IClusterActorRefProvider)
        {
            return false;
        }

        var member = Akka.Cluster.Cluster.Get(system).State.Members.FirstOrDefault(m => m.Address == peer);
        return member is null || member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed;
    }
}
