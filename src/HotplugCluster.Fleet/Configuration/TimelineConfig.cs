using System.Collections.Immutable;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>Reads <c>fleet.timeline</c>: names, or <c>{ op = name, ... }</c> objects whose settings override <c>fleet.op</c> (over <c>hotplug.fleet.op</c>).</summary>
internal static class TimelineConfig
{
    /// <summary>The key naming an entry's operation.</summary>
    private const string OpKey = "op";

    /// <summary>The timeline <paramref name="items"/> (not empty), with a variant's <c>op.</c> overrides in <paramref name="opOverrides"/>.</summary>
    public static ImmutableArray<FleetOperation> Read(Config root, IReadOnlyList<ConfigValue> items, Config fleetOp, Config opOverrides, IReadOnlyList<SweepAxis> sweep)
    {
        var defaults = opOverrides.WithFallback(fleetOp).WithFallback(root.GetConfig("hotplug.fleet.op"));

        var result = ImmutableArray.CreateBuilder<FleetOperation>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"fleet.timeline[{i}]";
            Config op;
            string name;
            if (item.Type == ConfigValueType.Object)
            {
                // An entry inside a list has no Config of its own: re-parse its text and map errors back to the entry.
                var text = ConfigFactory.ParseString(item.ToString(), at).Resolve(new ConfigResolveOptions { UseEnvironment = false });
                if (!text.HasPath(OpKey))
                {
                    throw new HoconException(item.Origin, $"{at}: missing 'op' (one of hot-add-cxl, online, fill, reclaim, re-add)");
                }

                name = text.GetString(OpKey);
                op = text.WithFallback(defaults);
            }
            else if (item.Type == ConfigValueType.String)
            {
                name = (string)item.Unwrapped!;
                op = defaults;
            }
            else
            {
                throw new HoconException(item.Origin, $"{at}: expected an operation name or {{ op = name, ... }}");
            }

            try
            {
                result.Add(Operation(name, op, at));
            }
            catch (HoconException e) when (e.Origin is { } origin && origin.Source == at)
            {
                // Raised in the entry's re-parsed text: point at the entry itself.
                throw new HoconException(item.Origin, $"{at}: {e.Message[(origin.ToString().Length + 2)..]}");
            }
            catch (HoconException e) when (e.Origin is not null)
            {
                throw ConfigErrors.Reword($"{at}: op.", sweep, e);
            }
        }

        return result.ToImmutable();
    }

    private static FleetOperation Operation(string name, Config op, string at)
    {
        var kind = name switch
        {
            "hot-add-cxl" => FleetOperationKind.HotAddCxl,
            "online" => FleetOperationKind.Online,
            "fill" => FleetOperationKind.Fill,
            "reclaim" => FleetOperationKind.Reclaim,
            "re-add" => FleetOperationKind.ReAdd,
            _ => throw new HoconException(op.HasPath(OpKey) ? op.GetOrigin(OpKey) : new ConfigOrigin(at, 1, 1),
                $"unknown operation '{name}' (one of hot-add-cxl, online, fill, reclaim, re-add)"),
        };
        var type = op.GetString("type") switch
        {
            "online" => OnlineType.Online,
            "online_movable" => OnlineType.OnlineMovable,
            "online_kernel" => OnlineType.OnlineKernel,
            var other => throw op.ErrorAt("type", $"'{other}' is not one of online, online_movable, online_kernel"),
        };
        var signal = op.GetInt("signal-after-attempts");
        if (signal < 1)
        {
            throw op.ErrorAt("signal-after-attempts", "must be at least 1");
        }

        var granularity = op.GetString("granularity") switch
        {
            "device" => ReclaimGranularity.Device,
            "block" => ReclaimGranularity.Block,
            var other => throw op.ErrorAt("granularity", $"'{other}' is not one of device, block"),
        };
        return new FleetOperation(kind, type, DistributionConfig.Fraction(op, "fraction"), granularity, signal);
    }
}
