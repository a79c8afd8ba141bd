using System.Buffers.Binary;
using System.IO.Hashing;
using HotplugCluster.Persistence.Journal;

namespace HotplugCluster.Persistence.Serialization;

/// <summary>
/// Maps event types to manifests (<c>Name.vN</c>) and back. A payload is a 4-byte CRC-32 (IEEE 802.3, stored
/// little-endian) of the body followed by the body the type's encoder wrote. Old manifests stay registered as decoders
/// that upgrade to today's type, so journals written by earlier model versions keep decoding.
/// </summary>
public sealed class EventCodecRegistry
{
    private const int ChecksumSize = 4;

    [ThreadStatic]
    private static EventWriter? t_writer;

    private readonly Dictionary<Type, Encoding> _encoders = [];
    private readonly Dictionary<string, EventDecoder<object>> _decoders = new(StringComparer.Ordinal);
    private readonly DecodedStrings _strings = new();
    private LastDecoder? _last;

    /// <summary>Registers the current manifest of <typeparamref name="T"/>: how to write it and how to read it back.</summary>
    public EventCodecRegistry Register<T>(string manifest, EventEncoder<T> encode, EventDecoder<T> decode)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(encode);
        if (!_encoders.TryAdd(typeof(T), new Encoding(manifest, (value, writer) => encode((T)value, writer))))
        {
            throw new ArgumentException($"{typeof(T).Name} already has manifest {_encoders[typeof(T)].Manifest}.", nameof(manifest));
        }

        return RegisterDecoder(manifest, decode);
    }

    /// <summary>Registers a manifest that is only read: an older version of an event, decoded into today's type.</summary>
    public EventCodecRegistry RegisterDecoder<T>(string manifest, EventDecoder<T> decode)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(decode);
        if (!_decoders.TryAdd(manifest, decode))
        {
            throw new ArgumentException($"Manifest {manifest} is registered twice.", nameof(manifest));
        }

        return this;
    }

    /// <summary>Every manifest this registry can decode, sorted.</summary>
    public IReadOnlyList<string> Manifests => [.. _decoders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The manifest under which events of this type are written.</summary>
    public string ManifestOf(Type eventType) =>
        _encoders.TryGetValue(eventType, out var encoding)
            ? encoding.Manifest
            : throw new ArgumentException($"No manifest is registered for event type {eventType.FullName}.", nameof(eventType));

    /// <summary>Encodes an event of a registered type into its manifest and payload.</summary>
    public (string Manifest, byte[] Payload) Encode(object evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (!_encoders.TryGetValue(evt.GetType(), out var encoding))
        {
            throw new ArgumentException($"No manifest is registered for event type {evt.GetType().FullName}.", nameof(evt));
        }

        var writer = t_writer ??= new EventWriter();
        writer.Reset();
        for (var i = 0; i < ChecksumSize; i++)
        {
            writer.WriteByte(0);
        }

        encoding.Write(evt, writer);
        var payload = writer.Written.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Crc32.HashToUInt32(payload.AsSpan(ChecksumSize)));
        return (encoding.Manifest, payload);
    }

    /// <summary>Decodes a journaled event; any problem is a <see cref="JournalException"/> naming its persistence id and sequence number.</summary>
    public object Decode(PersistentRepr repr)
    {
        ArgumentNullException.ThrowIfNull(repr);
        return Decode(repr.PersistenceId, repr.SequenceNr, repr.Manifest, repr.Payload.Span);
    }

    /// <summary>Decodes a payload written under <paramref name="manifest"/>, blaming <paramref name="persistenceId"/>#<paramref name="sequenceNr"/> on failure.</summary>
    public object Decode(string persistenceId, long sequenceNr, string manifest, ReadOnlySpan<byte> payload)
    {
        // Replay hands out one string instance per manifest, so the last lookup usually answers by reference.
        var last = _last;
        EventDecoder<object>? decode;
        if (last is not null && ReferenceEquals(last.Manifest, manifest))
        {
            decode = last.Decode;
        }
        else if (_decoders.TryGetValue(manifest, out decode))
        {
            _last = new LastDecoder(manifest, decode);
        }
        else
        {
            throw JournalException.At(persistenceId, sequenceNr,
                $"unknown manifest '{manifest}': the event was written by a model version this build does not know (it knows {_decoders.Count} manifests).");
        }

        if (payload.Length < ChecksumSize)
        {
            throw JournalException.At(persistenceId, sequenceNr, $"payload of {manifest} is corrupt: {payload.Length} bytes is shorter than its checksum.");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        var body = payload[ChecksumSize..];
        var actual = Crc32.HashToUInt32(body);
        if (stored != actual)
        {
            throw JournalException.At(persistenceId, sequenceNr, $"payload of {manifest} is corrupt: checksum {actual:x8} does not match the stored {stored:x8}.");
        }

        try
        {
            var reader = new EventReader(body, _strings);
            var evt = decode(ref reader);
            return reader.Remaining == 0
                ? evt
                : throw new FormatException($"{reader.Remaining} bytes are left after the last field");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw JournalException.At(persistenceId, sequenceNr, $"payload of {manifest} does not decode: {ex.Message}.", ex);
        }
    }

    private sealed record Encoding(string Manifest, Action<object, EventWriter> Write);

    private sealed record LastDecoder(string Manifest, EventDecoder<object> Decode);
}
