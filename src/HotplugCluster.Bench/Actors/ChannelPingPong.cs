using System.Threading.Channels;

namespace HotplugCluster.Bench.Actors;

/// <summary>The parallel dispatcher's baseline: pairs of thread-pool loops passing a ball over two <see cref="Channel{T}"/>s.</summary>
public sealed class ChannelPingPong(int pairs)
{
    /// <summary>Delivers <paramref name="messagesPerPair"/> messages in every pair and returns the total delivered.</summary>
    public long Run(long messagesPerPair)
    {
        var tasks = new List<Task>(pairs * 2);
        for (var i = 0; i < pairs; i++)
        {
            var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
            var a = Channel.CreateUnbounded<object>(options);
            var b = Channel.CreateUnbounded<object>(options);
            var budget = new PairBudget { Left = messagesPerPair };
            tasks.Add(Task.Run(() => Side(a.Reader, b.Writer, budget)));
            tasks.Add(Task.Run(() => Side(b.Reader, a.Writer, budget)));
            a.Writer.TryWrite(Ball.Instance);
        }

        Task.WaitAll(tasks);
        return messagesPerPair * pairs;
    }

    private static async Task Side(ChannelReader<object> inbox, ChannelWriter<object> outbox, PairBudget budget)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ball))
            {
                if (--budget.Left > 0)
                {
                    outbox.TryWrite(ball);
                }
                else
                {
                    outbox.Complete();
                    return;
                }
            }
        }

        outbox.TryComplete();
    }
}
