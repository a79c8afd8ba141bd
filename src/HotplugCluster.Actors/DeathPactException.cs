namespace HotplugCluster.Actors;

/// <summary>An actor did not handle the <see cref="Messages.Terminated"/> of an actor it watched; the default supervisor stops it.</summary>
public sealed class DeathPactException : Exception
{
    public DeathPactException()
    {
    }

    public DeathPactException(string message)
        : base(message)
    {
    }

    public DeathPactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
