namespace HotplugCluster.Actors;

/// <summary>Thrown inside an actor that received <see cref="Messages.Kill"/>; the default supervisor stops it.</summary>
public sealed class ActorKilledException : Exception
{
    public ActorKilledException()
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
