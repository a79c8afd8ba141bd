using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// Encodes one value of a kernel event by its declared type: integers as varints, enums by value, strings and
/// classes behind a presence byte, immutable arrays with a count, and records (class or struct) field by field
/// through their primary constructor. The same plan renders the value as JSON for <c>journal export</c>.
/// </summary>
internal abstract class FieldCodec
{
    private static readonly Dictionary<Type, FieldCodec> Cache = [];
    private static readonly Lock CacheLock = new();

    /// <summary>The value's shape, e.g. <c>PageCount(ulong)</c>; part of an event's layout fingerprint.</summary>
    public abstract string Layout { get; }

    public abstract void Write(object? value, EventWriter writer);

    public abstract object? Read(ref EventReader reader);

    public abstract void WriteJson(object? value, Utf8JsonWriter json);

    public static FieldCodec For(Type type)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(type, out var codec))
            {
                return codec;
            }

            codec = Create(type);
            Cache[type] = codec;
            return codec;
        }
    }

    private static FieldCodec Create(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return new OptionalCodec(For(inner));
        }

        if (type.IsEnum)
        {
            return new EnumCodec(type);
        }

        if (PrimitiveCodec.TryCreate(type) is { } primitive)
        {
            return type.IsValueType ? primitive : new OptionalCodec(primitive);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            return (FieldCodec)Activator.CreateInstance(typeof(ImmutableArrayCodec<>).MakeGenericType(element), For(element))!;
        }

        var record = RecordCodec.Of(type);
        return type.IsValueType ? record : new OptionalCodec(record);
    }

    private sealed class OptionalCodec(FieldCodec inner) : FieldCodec
    {
        public override string Layout => inner.Layout + "?";

        public override void Write(object? value, EventWriter writer)
        {
            writer.WriteBoolean(value is not null);
            if (value is not null)
            {
                inner.Write(value, writer);
            }
        }

        public override object? Read(ref EventReader reader) => reader.ReadBoolean() ? inner.Read(ref reader) : null;

        public override void WriteJson(object? value, Utf8JsonWriter json)
        {
            if (value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                inner.WriteJson(value, json);
            }
        }
    }

    private sealed class EnumCodec(Type type) : FieldCodec
    {
        private readonly Type _underlying = Enum.GetUnderlyingType(type);

        public override string Layout => $"{type.Name}({string.Join('|', Enum.GetNames(type))})";

        public override void Write(object? value, EventWriter writer) =>
            writer.WriteInt64(Convert.ToInt64(Convert.ChangeType(value!, _underlying, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));

        public override object? Read(ref EventReader reader) =>
            Enum.ToObject(type, reader.ReadInt64());

        public override void WriteJson(object? value, Utf8JsonWriter json) => json.WriteStringValue(value!.ToString());
    }

    private sealed class ImmutableArrayCodec<T>(FieldCodec element) : FieldCodec
    {
        public override string Layout => $"[{element.Layout}]";

        public override void Write(object? value, EventWriter writer)
        {
            var array = (ImmutableArray<T>)value!;
            var items = array.IsDefault ? [] : array;
            writer.WriteUInt64((ulong)items.Length);
            foreach (var item in items)
            {
                element.Write(item, writer);
            }
        }

        public override object? Read(ref EventReader reader)
        {
            var count = checked((int)reader.ReadUInt64());
            if (count > reader.Remaining)
            {
                throw new FormatException($"an array of {count} items in {reader.Remaining} bytes");
            }

            var builder = ImmutableArray.CreateBuilder<T>(count);
            for (var i = 0; i < count; i++)
            {
                builder.Add((T)element.Read(ref reader)!);
            }

            return builder.MoveToImmutable();
        }

        public override void WriteJson(object? value, Utf8JsonWriter json)
        {
            var array = (ImmutableArray<T>)value!;
            json.WriteStartArray();
            foreach (var item in array.IsDefault ? [] : array)
            {
                element.WriteJson(item, json);
            }

            json.WriteEndArray();
        }
    }

    /// <summary>A record: the public constructor whose parameters all name readable properties, widest first.</summary>
    internal sealed class RecordCodec : FieldCodec
    {
        private readonly Type _type;
        private readonly ConstructorInfo _constructor;
        private readonly (string Name, PropertyInfo Property, FieldCodec Codec)[] _fields;

        private RecordCodec(Type type, ConstructorInfo constructor, (string, PropertyInfo, FieldCodec)[] fields)
        {
            _type = type;
            _constructor = constructor;
            _fields = fields;
        }

        public override string Layout => $"{_type.Name}({string.Join(',', _fields.Select(f => $"{f.Name}:{f.Codec.Layout}"))})";

        /// <summary>A record with one field (NodeId, PageCount, …) is written and rendered as that field alone.</summary>
        private bool IsWrapper => _type.IsValueType && _fields.Length == 1;

        public static RecordCodec Of(Type type)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .Where(c => c.GetParameters().All(p => p.Name is not null && properties.ContainsKey(p.Name)))
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault()
                ?? throw new NotSupportedException($"{type.FullName} has no public constructor whose parameters are its properties; the journal cannot encode it.");
            var parameters = constructor.GetParameters();
            if (parameters.Length == 0 && properties.Values.Any(p => p.DeclaringType == type && p.Name != "EqualityContract"))
            {
                throw new NotSupportedException($"{type.FullName} has state but no constructor that takes it; the journal cannot encode it.");
            }

            var codec = new RecordCodec(type, constructor, new (string, PropertyInfo, FieldCodec)[parameters.Length]);
            for (var i = 0; i < parameters.Length; i++)
            {
                var property = properties[parameters[i].Name!];
                codec._fields[i] = (property.Name, property, For(parameters[i].ParameterType));
            }

            return codec;
        }

        public override void Write(object? value, EventWriter writer)
        {
            foreach (var (_, property, codec) in _fields)
            {
                codec.Write(property.GetValue(value), writer);
            }
        }

        public override object? Read(ref EventReader reader)
        {
            var args = new object?[_fields.Length];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = _fields[i].Codec.Read(ref reader);
            }

            return _constructor.Invoke(args);
        }

        public override void WriteJson(object? value, Utf8JsonWriter json)
        {
            if (IsWrapper)
            {
                _fields[0].Codec.WriteJson(_fields[0].Property.GetValue(value), json);
                return;
            }

            json.WriteStartObject();
            WriteJsonFields(value, json);
            json.WriteEndObject();
        }

        /// <summary>Writes the fields as properties of an object already open.</summary>
        public void WriteJsonFields(object? value, Utf8JsonWriter json)
        {
            foreach (var (name, property, codec) in _fields)
            {
                json.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(name));
                codec.WriteJson(property.GetValue(value), json);
            }
        }
    }
}
