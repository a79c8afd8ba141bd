using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>
/// The counting side of a ping-pong pair: on <see cref="PingStart"/> sends a window of balls to its echo, sends one more for
/// each that comes back until all are sent, and signals when every round trip is back. Only this actor touches the counts,
/// so any number of balls may be in flight.
/// </summary>
internal sealed class WindowPingActor(IActorRef echo, Action done) : UntypedActor
{
    private long _toSend;
    private long _toReceive;

    protected override void OnReceive(object message)
    {
        if (message is PingStart start)
        {
            _toSend = start.RoundTrips;
            _toReceive = start.RoundTrips;
            for (var i = 0; i < start.Window && _toSend > 0; i++, _toSend--)
            {
                echo.Tell(Ball.Instance, Self);
            }
        }
        else
        {
            if (_toSend > 0)
            {
                _toSend--;
                echo.Tell(message, Self);
            }

            if (--_toReceive == 0)
            {
                done();
            }
        }
    }
}
