using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class MailboxQueueTests
{
    [Fact]
    public void TryDequeue_returns_items_in_order_when_the_queue_grows_past_several_segments()
    {
        var queue = new MailboxQueue<int>();
        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue(i);
        }

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(queue.TryDequeue(out var item));
            Assert.Equal(i, item);
        }

        Assert.False(queue.TryDequeue(out _));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void TryDequeue_keeps_order_when_the_first_ring_laps_many_times()
    {
        var queue = new MailboxQueue<int>();
        var next = 0;
        for (var i = 0; i < 100_000; i++)
        {
            queue.Enqueue(i);
            if (i % 20 == 19)
            {
                while (queue.TryDequeue(out var item))
                {
                    Assert.Equal(next++, item);
                }
            }
        }

        Assert.Equal(100_000, next);
    }

    [Fact]
    public void IsEmpty_is_false_while_an_item_is_queued_and_true_once_it_is_taken()
    {
        var queue = new MailboxQueue<string>();
        Assert.True(queue.IsEmpty);
        queue.Enqueue("a");
        Assert.False(queue.IsEmpty);
        Assert.True(queue.TryDequeue(out var item));
        Assert.Equal("a", item);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public async Task Stress_every_item_arrives_once_and_in_order_per_producer_when_producers_race_the_consumer()
    {
        const int producers = 4;
        const int perProducer = 200_000;
        var queue = new MailboxQueue<long>();
        var seen = new int[producers];
        var taken = 0;
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var spinner = default(SpinWait);
                while (taken < producers * perProducer)
                {
                    if (!queue.TryDequeue(out var item))
                    {
                        spinner.SpinOnce();
                        continue;
                    }

                    var producer = (int)(item >> 32);
                    Assert.Equal(seen[producer]++, (int)item);
                    taken++;
                }
            },
            TaskCreationOptions.LongRunning);

        Parallel.For(0, producers, p =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                queue.Enqueue(((long)p << 32) | (uint)i);
            }
        });

        await consumer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(seen, count => Assert.Equal(perProducer, count));
        Assert.True(queue.IsEmpty);
    }
}
