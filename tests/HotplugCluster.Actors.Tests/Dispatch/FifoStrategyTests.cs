using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class FifoStrategyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void Choose_returns_actors_in_enable_order_when_the_ring_wraps_and_grows(int enabledAtOnce)
    {
        var fifo = new FifoStrategy();
        var expected = new Queue<long>();
        long next = 0;
        long step = 0;
        // Interleaved enables and chooses move the ring's head, so later growth copies a wrapped ring.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < enabledAtOnce; i++)
            {
                fifo.Enable(new Actor(next));
                expected.Enqueue(next++);
            }

            for (var i = 0; i < enabledAtOnce / 2 + 1 && expected.Count > 0; i++)
            {
                Assert.Equal(expected.Dequeue(), fifo.Choose(step++)!.Id);
            }
        }

        while (expected.Count > 0)
        {
            Assert.Equal(expected.Dequeue(), fifo.Choose(step++)!.Id);
        }

        Assert.Null(fifo.Choose(step));
    }

    private sealed record Actor(long Id) : IScheduledActor;
}
