using System.Reflection;
using System.Text.Json;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// The journal encoding of every <see cref="KernelEvent"/> type: manifest <c>TypeName.v1</c>, a compact
/// field-by-field body (see <see cref="FieldCodec"/>), and a layout string per manifest. The layouts are pinned
/// by a test: changing an event's fields without a new manifest version (and a decoder for the old one) fails it,
/// so a journal is never silently misread.
/// </summary>
public static class KernelEventCodecs
{
    private static readonly Lazy<IReadOnlyList<(Type Type, string Manifest, FieldCodec.RecordCodec Codec)>> Events = new(Discover);

    private static readonly Lazy<Dictionary<Type, FieldCodec.RecordCodec>> ByType = new(() => Events.Value.ToDictionary(e => e.Type, e => e.Codec));

    /// <summary>Every kernel event type with its manifest and layout, ordered by manifest.</summary>
    public static IReadOnlyList<(string Manifest, string Layout)> Layouts =>
        [.. Events.Value.Select(e => (e.Manifest, e.Codec.Layout))];

    /// <summary>Registers every kernel event type in <paramref name="registry"/>.</summary>
    public static EventCodecRegistry RegisterAll(EventCodecRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var register = typeof(KernelEventCodecs).GetMethod(nameof(RegisterOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var (type, manifest, codec) in Events.Value)
        {
            register.MakeGenericMethod(type).Invoke(null, [registry, manifest, codec]);
        }

        return registry;
    }

    /// <summary>Writes <paramref name="evt"/> as a JSON object <c>{"type": …, fields…}</c>.</summary>
    public static void WriteJson(KernelEvent evt, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(json);
        var codec = ByType.Value[evt.GetType()];
        json.WriteStartObject();
        json.WriteString("type", evt.GetType().Name);
        codec.WriteJsonFields(evt, json);
        json.WriteEndObject();
    }

    private static void RegisterOne<T>(EventCodecRegistry registry, string manifest, FieldCodec.RecordCodec codec)
        where T : KernelEvent =>
        registry.Register<T>(manifest, (e, w) => codec.Write(e, w), (ref EventReader r) => (T)codec.Read(ref r)!);

    private static List<(Type, string, FieldCodec.RecordCodec)> Discover() =>
        [.. typeof(KernelEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(KernelEvent)) && !t.IsAbstract)
            .Select(t => (t, $"{t.Name}.v1", FieldCodec.RecordCodec.Of(t)))
            .OrderBy(e => e.Item2, StringComparer.Ordinal)];
}
