namespace HotplugCluster.Actors;

/// <summary>An actor's constructor or <see cref="ActorBase.PreStart"/> threw; the default supervisor stops such an actor.</summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
