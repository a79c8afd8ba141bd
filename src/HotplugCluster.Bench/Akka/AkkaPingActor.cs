using Akka.Actor;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Bench.Akka;

/// <summary>The counting side of an Akka.NET ping-pong pair, as <see cref="WindowPingActor"/> is on ours.</summary>
internal sealed class AkkaPingActor(IActorRef echo, Action done) : UntypedActor
{
    private readonly PingWindow _window = new();

    protected override void OnReceive(object message)
    {
        if (message is PingStart start)
        {
            for (var i = _window.Start(start); i > 0; i--)
            {
                echo.Tell(Ball.Instance, Self);
            }

            return;
        }

        var (again, last) = _window.Returned();
        if (again)
        {
            echo.Tell(message, Self);
        }

        if (last)
        {
            done();
        }
    }
}
