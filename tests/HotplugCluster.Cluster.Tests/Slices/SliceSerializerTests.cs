using Akka.Serialization;
using Akka.TestKit.Xunit2;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Tests.Slices;

public sealed class SliceSerializerTests() : TestKit(AkkaConfig.Serialization)
{
    public static TheoryData<string> Manifests => ["R", "A", "D", "X", "S", "F", "B", "W", "L", "Y", "Z", "y"];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Slice_messages_round_trip_through_the_binary_serializer(string manifest)
    {
        var slice = new FleetSlice(1, 20, 40);
        ISliceMessage message = manifest switch
        {
            "R" => new RunSlice("job", 4, slice, [1, 2, 3], "1.0", "abc", TestActor),
            "A" => new SliceAccepted("job", slice),
            "D" => new SliceDone("job", slice, [4, 5]),
            "X" => new SliceRefused("job", slice, "why"),
            "S" => new SliceAssigned("job", slice, [6], "akka://x/user/y"),
            "B" => new ScheduleBound("job", 17),
            "W" => new WorkWanted(2, "1.0", "abc"),
            "L" => new WorkLent(9, "job", slice, [1, 2]),
            "Y" => new LentWorkDone(9, [3, 4], null),
            "y" => new LentWorkDone(9, null, "why"),
            "Z" => new LentWorkReturned(9),
            _ => new SliceFinished([7, 8, 9]),
        };
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<SliceSerializer>(serializer);
        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, ((SerializerWithStringManifest)serializer).Manifest(message));
        Assert.Equal(Render(message), Render(back));
    }

    /// <summary>Records compare byte arrays by reference: compare their fields with the arrays spelled out.</summary>
    private static string Render(object m) => m switch
    {
        RunSlice r => $"{r.JobId} {r.Ordinal} {r.Slice} {Convert.ToHexString(r.Job)} {r.ModelVersion} {r.Fingerprint} {r.ReplyTo.Path}",
        SliceDone d => $"{d.JobId} {d.Slice} {Convert.ToHexString(d.Hosts)}",
        SliceAssigned a => $"{a.JobId} {a.Slice} {Convert.ToHexString(a.Job)} {a.ReplyTo}",
        SliceFinished f => Convert.ToHexString(f.Hosts),
        WorkLent l => $"{l.Id} {l.JobId} {l.Slice} {Convert.ToHexString(l.Job)}",
        LentWorkDone d => $"{d.Id} {(d.Hosts is null ? "-" : Convert.ToHexString(d.Hosts))} {d.Error}",
        _ => m.ToString()!,
    };
}
