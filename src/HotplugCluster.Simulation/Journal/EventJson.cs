using System.Text;
using System.Text.Json;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Journal;

/// <summary>A kernel event as one line of JSON (for messages and listings).</summary>
public static class EventJson
{
    public static string Of(KernelEvent evt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            KernelEventCodecs.WriteJson(evt, json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
