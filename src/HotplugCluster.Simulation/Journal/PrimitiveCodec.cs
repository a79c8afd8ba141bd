using System.Text.Json;
using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Simulation.Journal;

/// <summary>bool, byte, int, uint, long, ulong and string.</summary>
internal sealed class PrimitiveCodec : FieldCodec
{
    private readonly TypeCode _code;

    private PrimitiveCodec(TypeCode code) => _code = code;

    public override string Layout => _code.ToString().ToLowerInvariant();

    public static PrimitiveCodec? TryCreate(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean or TypeCode.Byte or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.String
            when !type.IsEnum => new PrimitiveCodec(Type.GetTypeCode(type)),
        _ => null,
    };

    public override void Write(object? value, EventWriter writer)
    {
        switch (_code)
        {
            case TypeCode.Boolean: writer.WriteBoolean((bool)value!); break;
            case TypeCode.Byte: writer.WriteByte((byte)value!); break;
            case TypeCode.Int32: writer.WriteInt32((int)value!); break;
            case TypeCode.UInt32: writer.WriteUInt64((uint)value!); break;
            case TypeCode.Int64: writer.WriteInt64((long)value!); break;
            case TypeCode.UInt64: writer.WriteUInt64((ulong)value!); break;
            default: writer.WriteString((string)value!); break;
        }
    }

    public override object? Read(ref EventReader reader) => _code switch
    {
        TypeCode.Boolean => reader.ReadBoolean(),
        TypeCode.Byte => reader.ReadByte(),
        TypeCode.Int32 => reader.ReadInt32(),
        TypeCode.UInt32 => checked((uint)reader.ReadUInt64()),
        TypeCode.Int64 => reader.ReadInt64(),
        TypeCode.UInt64 => reader.ReadUInt64(),
        _ => reader.ReadString(),
    };

    public override void WriteJson(object? value, Utf8JsonWriter json)
    {
        switch (_code)
        {
            case TypeCode.Boolean: json.WriteBooleanValue((bool)value!); break;
            case TypeCode.Byte: json.WriteNumberValue((byte)value!); break;
            case TypeCode.Int32: json.WriteNumberValue((int)value!); break;
            case TypeCode.UInt32: json.WriteNumberValue((uint)value!); break;
            case TypeCode.Int64: json.WriteNumberValue((long)value!); break;
            case TypeCode.UInt64: json.WriteNumberValue((ulong)value!); break;
            default: json.WriteStringValue((string)value!); break;
        }
    }
}
