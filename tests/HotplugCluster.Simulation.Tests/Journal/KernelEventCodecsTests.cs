using System.Text;
using System.Text.Json;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Serialization;
using HotplugCluster.Simulation.Journal;

namespace HotplugCluster.Simulation.Tests.Journal;

public sealed class KernelEventCodecsTests
{
    private static readonly string GoldenFile = Path.Combine(AppContext.BaseDirectory, "Journal", "kernel-event-layouts.txt");

    private static HostSettings Host(MemmapOnMemoryMode memmap, CxlDeviceMode mode) => new(
        new KernelSettings(ByteSize.FromMiB(256), memmap),
        [new NumaNodeSettings(0, 8, ByteSize.FromGiB(16)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
        [new CxlDeviceSettings("mem0", ByteSize.FromGiB(2), 1, new PhysAddr(64UL << 30), mode)]);

    /// <summary>A run that touches most of the model: boot, online, workload, offline, kmem unbind/bind, device_dax, a DIMM.</summary>
    private static List<KernelEvent> BusyRun()
    {
        var events = new List<KernelEvent>();
        foreach (var memmap in new[] { MemmapOnMemoryMode.Off, MemmapOnMemoryMode.On })
        {
            var host = KernelHost.Boot(Host(memmap, CxlDeviceMode.SystemRam));
            var blocks = host.State.Blocks.Registered().Where(b => b.Nid.Value == 1).Select(b => b.Id.Value).ToArray();
            host.Write("/sys/devices/system/memory/auto_online_blocks", "online_movable\n");
            host.Write($"/sys/devices/system/memory/memory{blocks[0]}/state", "online_movable\n");
            host.Write($"/sys/devices/system/memory/memory{blocks[1]}/state", "online_kernel\n");
            host.Run(new Kernel.Operations.WorkloadAllocate(new NodeId(1), Kernel.Workload.PageKind.Unmovable, new PageCount(100)));
            host.Run(new Kernel.Operations.WorkloadFree(new NodeId(1), Kernel.Workload.PageKind.Unmovable, new PageCount(100)));
            host.Write($"/sys/devices/system/memory/memory{blocks[0]}/state", "offline\n");
            host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0\n");
            host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", "-12\n");
            host.Write("/sys/module/memory_hotplug/parameters/online_policy", "auto-movable\n");
            host.Run(new Kernel.Operations.AcpiMemoryDeviceAdd("PNP0C80:00", new NodeId(0), new PhysAddr(80UL << 30), ByteSize.FromGiB(1)));
            host.Run(new Kernel.Operations.AcpiMemoryDeviceEject("PNP0C80:00"));
            events.AddRange(host.Journal);
        }

        var devdax = KernelHost.Boot(Host(MemmapOnMemoryMode.On, CxlDeviceMode.Devdax));
        devdax.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0\n");
        devdax.Write("/sys/bus/dax/devices/dax0.0/memmap_on_memory", "1\n");
        devdax.Write("/sys/bus/dax/drivers/device_dax/remove_id", "dax0.0\n");
        devdax.Write("/sys/bus/dax/drivers/kmem/new_id", "dax0.0\n");
        events.AddRange(devdax.Journal);
        return events;
    }

    private static string Json(KernelEvent evt)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            KernelEventCodecs.WriteJson(evt, json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Every_event_of_a_busy_run_round_trips_through_its_manifest()
    {
        var registry = KernelEventCodecs.RegisterAll(new EventCodecRegistry());
        var events = BusyRun();

        foreach (var evt in events)
        {
            var (manifest, payload) = registry.Encode(evt);
            var decoded = (KernelEvent)registry.Decode(new PersistentRepr("host-0", 1, manifest, payload, 0, "w"));

            Assert.Equal(evt.GetType(), decoded.GetType());
            Assert.Equal(Json(evt), Json(decoded));
            Assert.Equal(payload, registry.Encode(decoded).Payload);
        }

        Assert.True(events.Select(e => e.GetType()).Distinct().Count() >= 25, $"the run covers only {events.Select(e => e.GetType()).Distinct().Count()} event types");
    }

    [Fact]
    public void Units_render_as_plain_numbers_and_enums_as_names_in_json()
    {
        var json = Json(new PagesOnlined(new BlockId(512), Kernel.Zones.ZoneType.Movable, new PageCount(65536), new PageCount(64512)));

        Assert.Equal("""{"type":"PagesOnlined","block":512,"zone":"Movable","present":65536,"managed":64512}""", json);
    }

    // Rows of a quickstart journal (config/scenarios/quickstart.conf) written before the payload checksum came from
    // System.IO.Hashing: manifest and payload as stored, and the event they hold.
    [Theory]
    [InlineData("BootMemoryAdded.v1", "8C1BB96D00008080808040", """{"type":"BootMemoryAdded","node":0,"start":0,"size":17179869184}""")]
    [InlineData("CxlWindowCreated.v1", "E675E59B008080808080028080808004", """{"type":"CxlWindowCreated","index":0,"start":68719476736,"size":1073741824}""")]
    [InlineData("PagesOnlined.v1", "83A7B17180020680F80380F803", """{"type":"PagesOnlined","block":256,"zone":"Movable","present":64512,"managed":64512}""")]
    public void Events_journaled_by_earlier_builds_still_decode_and_encode_to_the_same_bytes(string manifest, string payloadHex, string json)
    {
        var registry = KernelEventCodecs.RegisterAll(new EventCodecRegistry());
        var payload = Convert.FromHexString(payloadHex);

        var evt = (KernelEvent)registry.Decode(new PersistentRepr("quickstart-1/host-0", 1, manifest, payload, 0, "w"));
        var (encodedManifest, encoded) = registry.Encode(evt);

        Assert.Equal(json, Json(evt));
        Assert.Equal(manifest, encodedManifest);
        Assert.Equal(payload, encoded);
    }

    [Fact]
    public void A_truncated_payload_is_an_error_naming_the_event()
    {
        var registry = KernelEventCodecs.RegisterAll(new EventCodecRegistry());
        var (manifest, payload) = registry.Encode(new ResourceRequested(new PhysAddr(1UL << 36), ByteSize.FromGiB(1), "System RAM (kmem)", Kernel.Resources.ResourceKind.SystemRam));
        var cut = payload[..^3];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(cut, System.IO.Hashing.Crc32.HashToUInt32(cut.AsSpan(4)));

        var ex = Assert.Throws<JournalException>(() => registry.Decode(new PersistentRepr("host-0/mhp", 7, manifest, cut, 0, "w")));

        Assert.StartsWith("host-0/mhp#7", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Event layouts are part of the journal format. If this fails you changed an event's fields: give the event a
    /// new manifest version with a decoder for the old one, then regenerate the file with HOTPLUG_UPDATE_GOLDEN=1.
    /// </summary>
    [Fact]
    public void Event_layouts_match_the_pinned_journal_format()
    {
        var actual = string.Join('\n', KernelEventCodecs.Layouts.Select(l => $"{l.Manifest} {l.Layout}")) + "\n";
        if (Environment.GetEnvironmentVariable("HOTPLUG_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Journal/kernel-event-layouts.txt"));
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(GoldenFile), actual);
    }
}
