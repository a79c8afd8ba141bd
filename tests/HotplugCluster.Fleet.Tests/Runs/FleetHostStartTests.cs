using System.Text;
using System.Text.Json;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Fleet.Tests.Runs;

/// <summary>
/// Hosts that start from a copy of their class's run of the timeline's leading hot-add-cxl and online operations give
/// what hosts booted and run from scratch give: every figure, every event with its stream and sequence number.
/// </summary>
public sealed class FleetHostStartTests
{
    public static TheoryData<string, string> Fleets => new()
    {
        { "smoke", "file:config/fleets/smoke.conf" },
        {
            "block reclaim, re-add, online_movable, pinned pages, two classes",
            Fleet(
                "[hot-add-cxl, {op = online, type = online_movable}, fill, {op = reclaim, fraction = 0.5, granularity = block, signal-after-attempts = 3}, re-add]",
                memmap: "on",
                secondClass: true)
        },
        {
            "device reclaim and re-add on 6.1, memmap off, 128 MiB blocks",
            Fleet("[hot-add-cxl, online, fill, {op = reclaim, fraction = 0.5}, re-add, fill]", version: "6.1", blockSize: "128MiB")
        },
        {
            "a lock bug in the online path (problems and unenforced locks in the prefix)",
            Fleet("[hot-add-cxl, online, fill, reclaim]", bugs: "[online-pages-without-mem-hotplug-lock]")
        },
        { "reclaim right after the prefix", Fleet("[hot-add-cxl, online, {op = reclaim, fraction = 0.5, granularity = block}]") },
        { "a prefix of boot alone (the timeline starts with fill)", Fleet("[fill, hot-add-cxl, online, reclaim]") },
        { "a prefix of the whole timeline", Fleet("[hot-add-cxl, {op = online, type = online_kernel}, online]") },
    };

    [Theory]
    [MemberData(nameof(Fleets))]
    public void Hosts_started_from_a_copy_give_the_figures_and_journal_of_hosts_run_from_boot(string name, string hocon)
    {
        var plan = FleetConfig.Read(hocon.StartsWith("file:", StringComparison.Ordinal) ? TestRepo.LoadFile(hocon[5..]) : TestRepo.Load(hocon, "fleet.conf"));
        Assert.Equal(FleetHostStart.Copy, plan.HostStart);

        var (copied, copiedJournal) = RunWithJournal(plan);
        var (booted, bootedJournal) = RunWithJournal(plan with { HostStart = FleetHostStart.Boot });

        Assert.True(copiedJournal.Length > 0, name);
        Assert.Equal(Serialize(booted), Serialize(copied));
        Assert.Equal(bootedJournal, copiedJournal);
    }

    [Fact]
    public void The_prefix_is_the_leading_hot_add_and_online_operations()
    {
        var plan = FleetConfig.Read(TestRepo.Load(Fleet("[hot-add-cxl, online, {op = online, type = online_movable}, fill, online, reclaim]"), "fleet.conf"));
        Assert.Equal(3, HostPrefix.Length(plan.Variants[0].Timeline));

        plan = FleetConfig.Read(TestRepo.Load(Fleet("[fill, hot-add-cxl, online]"), "fleet.conf"));
        Assert.Equal(0, HostPrefix.Length(plan.Variants[0].Timeline));
    }

    [Fact]
    public void Host_start_is_read_from_the_fleet_file_and_a_bad_value_names_where_it_is()
    {
        var boot = FleetConfig.Read(TestRepo.Load(Fleet("[hot-add-cxl, online]", extra: "host-start = boot"), "fleet.conf"));
        Assert.Equal(FleetHostStart.Boot, boot.HostStart);

        var e = Assert.Throws<HoconException>(() => FleetConfig.Read(TestRepo.Load(Fleet("[hot-add-cxl, online]", extra: "host-start = sideways"), "fleet.conf")));
        Assert.StartsWith("fleet.conf:", e.Message, StringComparison.Ordinal);
        Assert.Contains("'sideways' is not a host start: copy | boot", e.Message, StringComparison.Ordinal);
    }

    private static (FleetResult Result, string[] Journal) RunWithJournal(FleetPlan plan)
    {
        var logs = new Dictionary<(int Variant, int Host), string>();
        var result = FleetRunner.Run(plan, new FleetRunOptions
        {
            Parallelism = 2,
            Journal = (variant, host, log) =>
            {
                var text = new StringBuilder();
                foreach (var entry in log.Entries)
                {
                    text.Append(entry.PersistenceId).Append('#').Append(entry.SequenceNr).Append(' ')
                        .Append(entry.Event.GetType().Name).Append(JsonSerializer.Serialize(entry.Event, entry.Event.GetType())).Append('\n');
                }

                lock (logs)
                {
                    logs[(variant, host)] = text.ToString();
                }
            },
        });
        return (result, [.. logs.OrderBy(l => l.Key).Select(l => $"variant {l.Key.Variant} host {l.Key.Host}\n{l.Value}")]);
    }

    private static string Serialize(FleetResult r) =>
        JsonSerializer.Serialize(r.Variants.Select(v => new { v.Variant.Label, Hosts = v.Hosts.ToArray() }));

    private static string Fleet(
        string timeline, string memmap = "off", string version = "6.8", string blockSize = "256MiB", string bugs = "[]", bool secondClass = false, string extra = "")
    {
        var second = secondClass
            ? """
              , {
                name = small, count = 2
                host {
                  kernel { memory-block-size = 128MiB, online-policy = auto-movable }
                  numa-nodes = [ { id = 0, cpus = 2, dram = 2GiB }, { id = 1 } ]
                  cxl-devices = [ { capacity = 1GiB, target-node = 1 }, { capacity = 1GiB, target-node = 1 } ]
                }
                workload { fill = 0.9, unmovable = 0.1, pinned = 0.05 }
              }
              """
            : "";
        return $$"""
            fleet {
              seed = 11
              {{extra}}
              classes = [ {
                name = big, count = 3
                host {
                  kernel { memory-block-size = {{blockSize}}, memmap-on-memory = {{memmap}}, version = "{{version}}", bugs = {{bugs}} }
                  numa-nodes = [ { id = 0, cpus = 2, dram = 4GiB }, { id = 1, cpus = 2, dram = 2GiB }, { id = 2 } ]
                  cxl-devices = [ { capacity = 2GiB, target-node = 2 }, { capacity = 2GiB, target-node = 1 } ]
                }
                workload { fill = { distribution = uniform, min = 0.3, max = 0.95 }, unmovable = { distribution = uniform, min = 0, max = 0.2 }, pinned = { distribution = uniform, min = 0, max = 0.05 } }
              }{{second}} ]
              timeline = {{timeline}}
            }
            """;
    }
}
