using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using Xunit;

namespace HotplugCluster.Persistence.Tests.Serialization;

public sealed class EventCodecRegistryTests
{
    private sealed record BlockOnlined(int Block, string Zone, long Pages);

    // Version 1 of the event had no page count; version 2 added it.
    private static EventCodecRegistry Registry() =>
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
            .RegisterDecoder("BlockOnlined.v1", static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), 32768));

    private static PersistentRepr Repr(string manifest, byte[] payload) => new("host-0/block-7", 42, manifest, payload, 0, "w");

    [Fact]
    public void Encode_then_Decode_round_trips_under_the_current_manifest()
    {
        var registry = Registry();
        var evt = new BlockOnlined(7, "Movable", -65536);

        var (manifest, payload) = registry.Encode(evt);

        Assert.Equal("BlockOnlined.v2", manifest);
        Assert.Equal(evt, registry.Decode(Repr(manifest, payload)));
    }

    [Fact]
    public void Decode_hands_out_one_string_instance_per_value_when_values_repeat()
    {
        var registry = Registry();
        var longZone = new string('z', 100);
        var events = new[] { new BlockOnlined(1, "Movable", 1), new BlockOnlined(2, "Normal", 2), new BlockOnlined(3, "Movable", 3), new BlockOnlined(4, longZone, 4) };

        var decoded = events.Select(e => registry.Encode(e)).Select(p => (BlockOnlined)registry.Decode(Repr(p.Manifest, p.Payload))).ToArray();

        Assert.Equal(events, decoded);
        Assert.Same(decoded[0].Zone, decoded[2].Zone);
        Assert.NotSame(decoded[0].Zone, decoded[1].Zone);
    }

    [Fact]
    public void Decode_upgrades_an_event_written_under_an_older_manifest()
    {
        var v1 = new EventCodecRegistry().Register<BlockOnlined>(
            "BlockOnlined.v1",
            (e, w) =>
            {
                w.WriteInt32(e.Block);
                w.WriteString(e.Zone);
            },
            static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), r.ReadString(), 0));
        var (manifest, payload) = v1.Encode(new BlockOnlined(3, "Normal", 0));

        var decoded = Registry().Decode(Repr(manifest, payload));

        Assert.Equal(new BlockOnlined(3, "Normal", 32768), decoded);
    }

    [Fact]
    public void Decode_names_the_event_and_the_manifest_when_the_manifest_is_unknown()
    {
        var ex = Assert.Throws<JournalException>(() => Registry().Decode(Repr("BlockOnlined.v9", [0, 0, 0, 0])));

        Assert.StartsWith("host-0/block-7#42: unknown manifest 'BlockOnlined.v9'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("host-0/block-7", 42L), (ex.PersistenceId, ex.SequenceNr));
    }

    [Theory]
    [InlineData(4)] // a flipped bit in the first field
    [InlineData(7)] // a flipped bit in the string
    [InlineData(0)] // a flipped bit in the checksum itself
    public void Decode_reports_a_flipped_bit_as_corruption_of_that_event(int index)
    {
        var registry = Registry();
        var (manifest, payload) = registry.Encode(new BlockOnlined(7, "Movable", 100));
        payload[index] ^= 0x10;

        var ex = Assert.Throws<JournalException>(() => registry.Decode(Repr(manifest, payload)));

        Assert.StartsWith("host-0/block-7#42: payload of BlockOnlined.v2 is corrupt", ex.Message, StringComparison.Ordinal);
    }

    // Written by the hand-written CRC-32 this registry used before System.IO.Hashing: a 4-byte checksum, little-endian,
    // then the body (zig-zag 7, "Movable" length-prefixed, zig-zag 100). The same bytes must keep decoding.
    private static readonly byte[] OldBlockOnlinedV2 = Convert.FromHexString("B7E611190E074D6F7661626C65C801");

    [Fact]
    public void Decode_reads_a_payload_written_before_the_checksum_came_from_a_package()
    {
        var decoded = Registry().Decode(Repr("BlockOnlined.v2", OldBlockOnlinedV2));

        Assert.Equal(new BlockOnlined(7, "Movable", 100), decoded);
    }

    [Fact]
    public void Encode_writes_the_same_bytes_as_before_the_checksum_came_from_a_package()
    {
        var (_, payload) = Registry().Encode(new BlockOnlined(7, "Movable", 100));

        Assert.Equal(OldBlockOnlinedV2, payload);
    }

    // The CRC-32 check values of the IEEE 802.3 polynomial (reflected, init and final xor 0xFFFFFFFF): "123456789" is
    // the catalogue's check string; the empty body and one zero byte pin the init and final xor.
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("00", 0xD202EF8Du)]
    [InlineData("313233343536373839", 0xCBF43926u)]
    public void Encode_stores_the_IEEE_CRC32_of_the_body_little_endian_ahead_of_it(string bodyHex, uint crc)
    {
        var body = Convert.FromHexString(bodyHex);
        var registry = new EventCodecRegistry().Register<byte[]>("Raw.v1", (b, w) =>
        {
            foreach (var x in b)
            {
                w.WriteByte(x);
            }
        }, static (ref EventReader r) => r.ReadBytes());

        var (_, payload) = registry.Encode(body);

        Assert.Equal([(byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24)], payload[..4]);
        Assert.Equal(body, payload[4..]);
    }

    [Fact]
    public void Decode_reports_a_truncated_payload_with_a_valid_checksum_as_undecodable()
    {
        var registry = Registry();
        var truncated = new EventCodecRegistry().Register<BlockOnlined>(
            "BlockOnlined.v2", (e, w) => w.WriteInt32(e.Block), static (ref EventReader r) => new BlockOnlined(r.ReadInt32(), "", 0));
        var (manifest, payload) = truncated.Encode(new BlockOnlined(7, "Movable", 100));

        var ex = Assert.Throws<JournalException>(() => registry.Decode(Repr(manifest, payload)));

        Assert.Contains("does not decode", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Varints_round_trip_at_the_edges(long value)
    {
        var writer = new EventWriter();
        writer.WriteInt64(value);
        writer.WriteUInt64(unchecked((ulong)value));

        var reader = new EventReader(writer.Written);

        Assert.Equal(value, reader.ReadInt64());
        Assert.Equal(unchecked((ulong)value), reader.ReadUInt64());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Register_refuses_a_manifest_twice()
    {
        Assert.Throws<ArgumentException>(() => Registry().RegisterDecoder("BlockOnlined.v1", static (ref EventReader r) => new BlockOnlined(0, "", 0)));
    }
}
