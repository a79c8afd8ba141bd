using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Tests;

/// <summary>Renders events structurally (records field by field, collections item by item), since record equality compares ImmutableArray fields by reference.</summary>
internal static class EventText
{
    public static List<string> Of(IEnumerable<KernelEvent> events) => [.. events.Select(Of)];

    public static string Of(KernelEvent e)
    {
        var text = new StringBuilder();
        Render(e, text);
        return text.ToString();
    }

    private static void Render(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is Enum:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Render(item, text);
                    text.Append(',');
                }

                text.Append(']');
                return;
        }

        var type = value.GetType();
        if (type.GetMethod("<Clone>$") is null && !IsRecordStruct(type))
        {
            text.Append(value);
            return;
        }

        text.Append(type.Name).Append('{');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0))
        {
            text.Append(p.Name).Append('=');
            Render(p.GetValue(value), text);
            text.Append(' ');
        }

        text.Append('}');
    }

    private static bool IsRecordStruct(Type type) =>
        type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
}
