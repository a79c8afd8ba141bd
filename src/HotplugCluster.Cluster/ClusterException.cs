namespace HotplugCluster.Cluster;

/// <summary>A cluster that cannot do what was asked (no seed answers, a port in use, a refused slice): its message is the one line the user sees.</summary>
public sealed class ClusterException : Exception
{
    /// <summary>An error whose <paramref name="message"/> names what failed and where.</summary>
    public ClusterException(string message)
        : base(message)
    {
    }

    /// <summary>An error caused by <paramref name="inner"/>.</summary>
    public ClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>For serializers and analyzers.</summary>
    public ClusterException()
    {
    }
}
