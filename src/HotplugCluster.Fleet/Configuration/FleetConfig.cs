using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>
/// Reads a fleet file: the root <c>fleet { name, seed, classes, timeline, op, sweep, ... }</c> block over
/// <c>hotplug.fleet</c> in reference.conf. Every variant of the sweep is read and validated (each class's host included)
/// before anything runs; errors are <see cref="HoconException"/>s worded <c>FILE:LINE:COL: fleet.setting: message</c>.
/// </summary>
public static class FleetConfig
{
    /// <summary>The root key a fleet file writes its fleet under.</summary>
    public const string FleetRoot = "fleet";

    /// <summary>Reads and validates the fleet in <paramref name="root"/> (a resolved config with reference.conf as fallback).</summary>
    public static FleetPlan Read(Config root, string source = "fleet file")
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.HasPath(FleetRoot) || root.GetValue(FleetRoot).Type != ConfigValueType.Object)
        {
            throw root.HasPath(FleetRoot)
                ? root.ErrorAt(FleetRoot, "expected an object { classes = [...], timeline = [...], sweep { ... } }")
                : new HoconException(new ConfigOrigin(source, 1, 1), "fleet: missing: a fleet file writes a root fleet { classes = [...], ... } block");
        }

        var fleet = root.GetConfig(FleetRoot).WithFallback(root.GetConfig("hotplug.fleet"));
        var (name, seed, parallelism, limit, fleetOp, timelineItems, hostStart) = ConfigErrors.Within("fleet.", [], () =>
        {
            var hostStart = fleet.GetString("host-start") switch
            {
                "copy" => FleetHostStart.Copy,
                "boot" => FleetHostStart.Boot,
                var other => throw fleet.ErrorAt("host-start", $"'{other}' is not a host start: copy | boot"),
            };

            var parallelism = fleet.GetInt("parallelism");
            if (parallelism < 0)
            {
                throw fleet.ErrorAt("parallelism", "must be 0 (one per core) or more");
            }

            var limit = fleet.GetBytes("memory-limit");
            if (limit <= 0)
            {
                throw fleet.ErrorAt("memory-limit", "must be positive");
            }

            var timeline = fleet.GetList("timeline");
            if (timeline.Count == 0)
            {
                throw fleet.ErrorAt("timeline", "the timeline is empty: list operations, e.g. [hot-add-cxl, online, fill, reclaim]");
            }

            return (fleet.GetString("name"), fleet.GetLong("seed"), parallelism, limit, fleet.GetConfig("op"), timeline, hostStart);
        });
        var sweep = ReadSweep(root, fleet);
        var entries = ConfigErrors.Within("fleet.", sweep, () => ClassEntries(fleet));
        var variants = ImmutableArray.CreateBuilder<FleetVariant>();
        foreach (var point in Product(sweep))
        {
            var assignments = point.Select(p => new KeyValuePair<string, string>(sweep[p.Axis].Path, sweep[p.Axis].Values[p.Value])).ToImmutableArray();
            var classOverrides = Overrides(sweep, point, op: false);
            var opOverrides = Overrides(sweep, point, op: true);
            var timeline = TimelineConfig.Read(root, timelineItems, fleetOp, opOverrides, sweep);
            var hotAdd = timeline.Any(o => o.Kind == FleetOperationKind.HotAddCxl);
            var classes = entries.Select((e, i) => ClassConfig.Read(root, e.Config, e.Origin, classOverrides, i, hotAdd, sweep)).ToImmutableArray();
            ConfigErrors.Within("fleet.", sweep, () => CheckNames(classes, fleet));
            variants.Add(new FleetVariant(variants.Count, assignments, classes, timeline));
        }

        return new FleetPlan(name, seed, [.. sweep], variants.ToImmutable(), parallelism, new ByteSize((ulong)limit)) { HostStart = hostStart };
    }

    private static List<SweepAxis> ReadSweep(Config root, Config fleet)
    {
        var result = new List<SweepAxis>();
        var sweep = fleet.GetConfig("sweep");
        foreach (var (path, value) in sweep.Entries)
        {
            var known = path.StartsWith("op.", StringComparison.Ordinal)
                ? root.GetConfig("hotplug.fleet").HasPath(path)
                : ClassConfig.Knows(root, path);
            if (!known)
            {
                throw new HoconException(value.Origin,
                    $"fleet.sweep: unknown setting '{path}' (a class setting such as host.kernel.memmap-on-memory or workload.fill, or op.fraction; see hotplug.fleet and hotplug.host in reference.conf)");
            }

            if (value.Type != ConfigValueType.List)
            {
                throw new HoconException(value.Origin, $"fleet.sweep.{path}: expected a list of values, e.g. [off, on]");
            }

            var values = sweep.GetList(path);
            if (values.Count == 0)
            {
                throw new HoconException(value.Origin, $"fleet.sweep.{path}: the list of values is empty");
            }

            result.Add(new SweepAxis(path, [.. values.Select(v => v.ToString())], [.. values.Select(v => v.Origin)]));
        }

        return result;
    }

    /// <summary>The sweep's cartesian product, first axis slowest; one empty point when nothing is swept.</summary>
    private static IEnumerable<(int Axis, int Value)[]> Product(List<SweepAxis> sweep)
    {
        var index = new int[sweep.Count];
        while (true)
        {
            yield return [.. index.Select((v, a) => (a, v))];
            var axis = sweep.Count - 1;
            while (axis >= 0 && ++index[axis] == sweep[axis].Values.Length)
            {
                index[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>A variant's assignments as configuration, each parsed under a source name that maps back to the sweep value.</summary>
    private static Config Overrides(List<SweepAxis> sweep, (int Axis, int Value)[] point, bool op)
    {
        var config = Config.Empty;
        foreach (var (axis, value) in point)
        {
            var path = sweep[axis].Path;
            if (path.StartsWith("op.", StringComparison.Ordinal) != op)
            {
                continue;
            }

            var key = op ? path["op.".Length..] : path;
            var text = new StringBuilder().Append(key).Append(" = ").Append(sweep[axis].Values[value]).ToString();
            config = ConfigFactory.ParseString(text, ConfigErrors.SweepSourceName(axis, value))
                .Resolve(new ConfigResolveOptions { UseEnvironment = false })
                .WithFallback(config);
        }

        return config;
    }

    private static List<(Config Config, ConfigOrigin Origin)> ClassEntries(Config fleet)
    {
        var list = fleet.GetList("classes");
        if (list.Count == 0)
        {
            throw fleet.ErrorAt("classes", "the fleet has no host classes: add classes = [ { name, count, host { ... }, workload { ... } } ]");
        }

        return [.. fleet.GetConfigList("classes").Zip(list, (c, v) => (c, v.Origin))];
    }

    private static bool CheckNames(ImmutableArray<HostClass> classes, Config fleet)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in classes)
        {
            if (!seen.Add(c.Name))
            {
                throw fleet.ErrorAt("classes", string.Create(CultureInfo.InvariantCulture, $"two classes are named '{c.Name}'"));
            }
        }

        return true;
    }
}
