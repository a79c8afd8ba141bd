using System.Text;
using HotplugCluster.Persistence.Sqlite;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Sqlite;

/// <summary>Rows kept as values and handed out in journal order, whichever way their orderings are placed.</summary>
public sealed class StoredRowsTests
{
    // Orderings added in key order (stream by stream) and interleaved in journal order, as a run's streams are: every
    // ordering of the span (placed by position), a span with gaps under four times the rows (placed through slots), and
    // a span wider than that (sorted).
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Build_hands_rows_out_in_ordering_order_when_added_stream_by_stream(long stride)
    {
        const int streams = 7;
        const int perStream = 40;
        var builder = new StoredRows.Builder(4);
        for (var stream = 0; stream < streams; stream++)
        {
            var id = $"run/block-{stream}";
            for (var seq = 1; seq <= perStream; seq++)
            {
                var ordering = 1000 + (stride * (((seq - 1) * streams) + stream));
                var payload = Encoding.UTF8.GetBytes($"{id}#{seq}");
                builder.Add(ordering, id, TextCache.SlotOf(Encoding.UTF8.GetBytes(id)), seq, "Text.v1", payload, seq * 10, "writer-a");
            }
        }

        var rows = builder.Build();

        Assert.Equal(streams * perStream, rows.Count);
        var expected = Enumerable.Range(0, streams * perStream).Select(i => 1000 + (stride * i));
        Assert.Equal(expected, rows.Select(e => e.Ordering));
        Assert.All(rows, e =>
        {
            Assert.Equal($"{e.Event.PersistenceId}#{e.Event.SequenceNr}", Encoding.UTF8.GetString(e.Event.Payload.Span));
            Assert.Equal(e.Event.SequenceNr * 10, e.Event.Timestamp);
            Assert.Equal($"run/block-{(e.Ordering - 1000) / stride % streams}", e.Event.PersistenceId);
        });
    }
}
