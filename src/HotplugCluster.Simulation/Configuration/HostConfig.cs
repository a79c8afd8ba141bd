using System.Collections.Immutable;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>
/// Reads a host from configuration: the root <c>host { kernel {...}, numa-nodes = [...], cxl-devices = [...] }</c>
/// block of a host or scenario file, over the defaults at <c>hotplug.host</c> in reference.conf. Malformed values and
/// impossible topologies (from <see cref="HostSettings.Resolve"/>) both fail with a <see cref="HoconException"/>
/// worded <c>FILE:LINE:COL: host.setting: message</c>, before anything boots.
/// </summary>
public static class HostConfig
{
    /// <summary>The root key a host or scenario file writes its host under.</summary>
    public const string HostRoot = "host";

    /// <summary>Reads and validates the host in <paramref name="root"/> (a resolved config with reference.conf as fallback).</summary>
    public static HostSettings Read(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var origins = new HostConfigOrigins();
        var defaults = root.GetConfig("hotplug.host");
        var user = root.HasPath(HostRoot) ? UserSection(root) : null;
        var host = new SectionReader(user is null ? defaults : user.WithFallback(defaults), string.Empty, origins);
        if (user is not null)
        {
            host.RecordSection(root.GetOrigin(HostRoot));
        }

        var kernelUser = user is not null && user.HasPath("kernel") ? host.GetConfig("kernel") : null;
        var kernel = KernelConfig.Read(root, kernelUser, origins);

        var nodeValues = host.GetList("numa-nodes");
        var nodeConfigs = host.GetConfigList("numa-nodes");
        var nodes = ImmutableArray.CreateBuilder<NumaNodeSettings>();
        for (var i = 0; i < nodeConfigs.Count; i++)
        {
            nodes.Add(NumaNodeConfig.Read(root, nodeConfigs[i], i, nodeValues[i].Origin, origins));
        }

        var cxlValues = host.GetList("cxl-devices");
        var cxlConfigs = host.GetConfigList("cxl-devices");
        var cxl = ImmutableArray.CreateBuilder<CxlDeviceSettings>();
        for (var i = 0; i < cxlConfigs.Count; i++)
        {
            cxl.Add(CxlDeviceConfig.Read(root, cxlConfigs[i], i, cxlValues[i].Origin, origins));
        }

        var pmemValues = host.GetList("pmem-devices");
        var pmemConfigs = host.GetConfigList("pmem-devices");
        var pmem = ImmutableArray.CreateBuilder<PmemDeviceSettings>();
        for (var i = 0; i < pmemConfigs.Count; i++)
        {
            pmem.Add(PmemDeviceConfig.Read(root, pmemConfigs[i], i, pmemValues[i].Origin, origins));
        }

        var settings = new HostSettings(kernel, nodes.ToImmutable(), cxl.ToImmutable()) { PmemDevices = pmem.ToImmutable() };
        if (PhysicalAddressLimit.BeyondTotal(settings) is { } beyond)
        {
            throw host.ErrorAt("numa-nodes", beyond);
        }
        var layout = settings.Resolve();
        if (!layout.IsValid)
        {
            throw TopologyError(layout.Errors, origins);
        }

        if (BlockCountLimit.Beyond(layout.Layout!) is { } tooMany)
        {
            throw kernel.MemoryBlockSize is null ? host.ErrorAt("numa-nodes", tooMany) : TopologyError([new SettingError("kernel.memory-block-size", tooMany)], origins);
        }

        return settings;
    }

    private static Config UserSection(Config root)
    {
        var value = root.GetValue(HostRoot);
        return value.Type == ConfigValueType.Object
            ? root.GetConfig(HostRoot)
            : throw root.ErrorAt(HostRoot, "expected an object { kernel {...}, numa-nodes = [...], cxl-devices = [...] }");
    }

    /// <summary>One line per <see cref="SettingError"/>, each at the origin of the setting it names.</summary>
    private static HoconException TopologyError(ImmutableArray<SettingError> errors, HostConfigOrigins origins)
    {
        var first = errors[0];
        var text = string.Join("\n", errors.Skip(1).Select(e => $"{origins.Find(e.Setting)}: {HostRoot}.{e.Setting}: {e.Message}"));
        var message = $"{HostRoot}.{first.Setting}: {first.Message}" + (text.Length > 0 ? "\n" + text : string.Empty);
        return new HoconException(origins.Find(first.Setting), message);
    }
}
