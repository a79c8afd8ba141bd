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
        Receive<LogEvent>(e => Console.Error.WriteLine(LineOf(e)));
    }

    /// <summary>
    /// One line: level, source, message and the causes' messages. Akka's own rendering appends the cause's stack trace,
    /// which a user reads as a crash (a member that lost a peer logs "Disassociated" with one); the line keeps what it says.
    /// </summary>
    public static string LineOf(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var level = logEvent.LogLevel().ToString().Replace("Level", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
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
}
