using Akka.Actor;
using Akka.Serialization;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// Binary serializer of the slice protocol (<see cref="ISliceMessage"/>): length-prefixed fields, actor refs by their
/// full path. Messages stay a few dozen bytes plus their payload, far below Akka's JSON default with type names.
/// </summary>
public sealed class SliceSerializer : SerializerWithStringManifest
{
    /// <summary>Created by Akka's serialization extension from the binding in <see cref="Configuration.AkkaConfig"/>.</summary>
    public SliceSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => 1717;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        RunSlice => "R",
        SliceAccepted => "A",
        SliceDone => "D",
        SliceRefused => "X",
        SliceAssigned => "S",
        SliceFinished => "F",
        ScheduleBound => "B",
        WorkWanted => "W",
        WorkLent => "L",
        LentWorkDone => "Y",
        LentWorkReturned => "Z",
        _ => throw new ArgumentException($"{o.GetType()} is not a slice message", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            switch (obj)
            {
                case RunSlice m:
                    WriteHead(w, m.JobId, m.Slice);
                    w.Write(m.Ordinal);
                    WriteBytes(w, m.Job);
                    w.Write(m.ModelVersion);
                    w.Write(m.Fingerprint);
                    w.Write(Akka.Serialization.Serialization.SerializedActorPath(m.ReplyTo));
                    break;
                case SliceAccepted m:
                    WriteHead(w, m.JobId, m.Slice);
                    break;
                case SliceDone m:
                    WriteHead(w, m.JobId, m.Slice);
                    WriteBytes(w, m.Hosts);
                    break;
                case SliceRefused m:
                    WriteHead(w, m.JobId, m.Slice);
                    w.Write(m.Reason);
                    break;
                case SliceAssigned m:
                    WriteHead(w, m.JobId, m.Slice);
                    WriteBytes(w, m.Job);
                    w.Write(m.ReplyTo);
                    break;
                case SliceFinished m:
                    WriteBytes(w, m.Hosts);
                    break;
                case ScheduleBound m:
                    w.Write(m.JobId);
                    w.Write(m.Schedule);
                    break;
                case WorkWanted m:
                    w.Write(m.Slots);
                    w.Write(m.ModelVersion);
                    w.Write(m.Fingerprint);
                    break;
                case WorkLent m:
                    w.Write(m.Id);
                    WriteHead(w, m.JobId, m.Slice);
                    WriteBytes(w, m.Job);
                    break;
                case LentWorkDone m:
                    w.Write(m.Id);
                    w.Write(m.Hosts is not null);
                    WriteBytes(w, m.Hosts ?? []);
                    w.Write(m.Error ?? string.Empty);
                    break;
                case LentWorkReturned m:
                    w.Write(m.Id);
                    break;
                default:
                    throw new ArgumentException($"{obj?.GetType()} is not a slice message", nameof(obj));
            }
        }

        return stream.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        if (manifest == "F")
        {
            return new SliceFinished(ReadBytes(r));
        }

        switch (manifest)
        {
            case "B":
                return new ScheduleBound(r.ReadString(), r.ReadInt32());
            case "W":
                return new WorkWanted(r.ReadInt32(), r.ReadString(), r.ReadString());
            case "L":
                var id = r.ReadInt64();
                var (lentJob, lentSlice) = (r.ReadString(), new FleetSlice(r.ReadInt32(), r.ReadInt32(), r.ReadInt32()));
                return new WorkLent(id, lentJob, lentSlice, ReadBytes(r));
            case "Y":
                var (doneId, hasHosts, hosts) = (r.ReadInt64(), r.ReadBoolean(), ReadBytes(r));
                var error = r.ReadString();
                return new LentWorkDone(doneId, hasHosts ? hosts : null, hasHosts ? null : error);
            case "Z":
                return new LentWorkReturned(r.ReadInt64());
        }

        var (job, slice) = (r.ReadString(), new FleetSlice(r.ReadInt32(), r.ReadInt32(), r.ReadInt32()));
        return manifest switch
        {
            "R" => new RunSlice(job, r.ReadInt32(), slice, ReadBytes(r), r.ReadString(), r.ReadString(), system.Provider.ResolveActorRef(r.ReadString())),
            "A" => new SliceAccepted(job, slice),
            "D" => new SliceDone(job, slice, ReadBytes(r)),
            "X" => new SliceRefused(job, slice, r.ReadString()),
            "S" => new SliceAssigned(job, slice, ReadBytes(r), r.ReadString()),
            _ => throw new System.Runtime.Serialization.SerializationException($"unknown slice message manifest '{manifest}'"),
        };
    }

    private static void WriteHead(BinaryWriter w, string job, FleetSlice slice)
    {
        w.Write(job);
        w.Write(slice.Variant);
        w.Write(slice.From);
        w.Write(slice.To);
    }

    private static void WriteBytes(BinaryWriter w, byte[] bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader r) => r.ReadBytes(r.ReadInt32());
}
