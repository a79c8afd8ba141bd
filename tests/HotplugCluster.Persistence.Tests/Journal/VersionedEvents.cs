using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>
/// An event with two manifest versions, as two builds of the model would register it: version 1 had no page
/// count; version 2 added it and still reads version 1 (defaulting the count).
/// </summary>
public static class VersionedEvents
{
    public const long V1DefaultPages = 32768;

    public sealed record BlockOnlined(int Block, string Zone, long Pages);

    /// <summary>The registry of the older build: writes BlockOnlined.v1.</summary>
    public static EventCodecRegistry OlderBuild() =>
        new EventCodecRegistry().Register<BlockOnlined>(
            "BlockOnlined.v1",
            (e, w) =>
            {
                w.WriteInt32(e.Block);
                w.WriteString(e.Zone);
            },
            static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), V1DefaultPages));

    /// <summary>The registry of today's build: writes BlockOnlined.v2, reads v1 too.</summary>
    public static EventCodecRegistry CurrentBuild() =>
        new EventCodecRegistry()
            .Register<BlockOnlined>(
                "BlockOnlined.v2",
                (e, w) =>
                {
                    w.WriteInt32(e.Block);
                    w.WriteString(e.Zone);
                    w.WriteInt64(e.Pages);
                },
                static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), r.ReadInt64()))
            .RegisterDecoder("BlockOnlined.v1", static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), V1DefaultPages));

    /// <summary>The registry of a newer build than today's: writes BlockOnlined.v3, which today's build does not know.</summary>
    public static EventCodecRegistry NewerBuild() =>
        new EventCodecRegistry().Register<BlockOnlined>(
            "BlockOnlined.v3",
            (e, w) =>
            {
                w.WriteInt32(e.Block);
                w.WriteString(e.Zone);
                w.WriteInt64(e.Pages);
                w.WriteBoolean(true);
            },
            static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), r.ReadInt64()));
}
