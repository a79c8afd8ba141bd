using HotplugCluster.Actors;

namespace HotplugCluster.Bench.Actors;

/// <summary>The counting side of a ping-pong pair (<see cref="PingWindow"/>); only it touches the counts, so any number of balls may be in flight.</summary>
internal sealed class WindowPingActor(IActorRef echo, Action done) : UntypedActor
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
