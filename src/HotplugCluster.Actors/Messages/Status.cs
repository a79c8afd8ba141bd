namespace HotplugCluster.Actors.Messages;

/// <summary>Replies that carry the outcome of an operation (Akka's <c>Status</c>); a <see cref="Failure"/> fails a pending Ask.</summary>
public static class Status
{
    /// <summary>The operation succeeded with <paramref name="Value"/>.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
