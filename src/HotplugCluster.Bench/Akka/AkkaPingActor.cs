using Akka.Actor;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Bench.Akka;

/// <summary>The counting side of an Akka.NET ping-pong pair, as <see cref="WindowPingActor"/> is on ours.</summary>
internal sealed class AkkaPingActor(IActorRef echo, Action done) : UntypedActor
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
