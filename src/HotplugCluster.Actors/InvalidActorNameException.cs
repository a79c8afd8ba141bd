namespace HotplugCluster.Actors;

/// <summary>An actor name is empty, malformed, starts with <c>$</c>, or is already taken among its siblings.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    public InvalidActorNameException()
    {
    }

    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
