namespace HotplugCluster.Bench.Actors;

/// <summary>Starts a windowed ping-pong pair: <see cref="RoundTrips"/> balls in all, at most <see cref="Window"/> of them in flight.</summary>
public sealed record PingStart(long RoundTrips, int Window);
