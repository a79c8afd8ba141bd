namespace HotplugCluster.Mount;

/// <summary>A mount that cannot be made or used (no FUSE, a missing or busy mount point): one line for the user.</summary>
public sealed class MountException : Exception
{
    public MountException()
    {
    }

    public MountException(string message)
        : base(message)
    {
    }

    public MountException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
