namespace HotplugCluster.Hocon;

/// <summary>A syntax, resolution or type error in configuration; the message begins with <c>SOURCE:LINE:COLUMN:</c> when the place is known.</summary>
public sealed class HoconException : Exception
{
    public HoconException()
    {
    }

    public HoconException(string message)
        : base(message)
    {
    }

    public HoconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error at <paramref name="origin"/>; the message is prefixed with it.</summary>
    public HoconException(ConfigOrigin origin, string message)
        : base($"{origin}: {message}")
    {
        Origin = origin;
    }

    /// <summary>The place the error refers to, when there is one.</summary>
    public ConfigOrigin? Origin { get; }
}
