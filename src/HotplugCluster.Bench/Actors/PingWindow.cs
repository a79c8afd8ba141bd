namespace HotplugCluster.Bench.Actors;

/// <summary>
/// The counts of the counting side of a ping-pong pair, shared by ours and Akka.NET's: a window of balls goes out at the
/// start, one more for each that comes back until all are sent, and the pair is done when every round trip is back.
/// </summary>
internal sealed class PingWindow
{
    private long _toSend;
    private long _toReceive;

    /// <summary>Starts a run; returns how many balls to send now.</summary>
    public long Start(PingStart start)
    {
        var now = Math.Min(start.Window, start.RoundTrips);
        _toSend = start.RoundTrips - now;
        _toReceive = start.RoundTrips;
        return now;
    }

    /// <summary>A ball came back: whether to send it out again, and whether that was the last one.</summary>
    public (bool SendAgain, bool Done) Returned()
    {
        var again = _toSend > 0;
        if (again)
        {
            _toSend--;
        }

        return (again, --_toReceive == 0);
    }
}
