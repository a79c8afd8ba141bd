using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsReader
{
    /// <summary>
    /// /sys/bus/nd/devices/*: a pmem region (drivers/nvdimm/region_devs.c), its namespace (namespace_devs.c
    /// <c>mode_show()</c>: "dax" once an nd_dax claims it), and the nd_dax device (pfn_devs.c: mode "pmem" for
    /// <c>--map=dev</c>, "ram" for <c>--map=mem</c>; size and resource of the data past the pfn metadata) with its
    /// static dax region's group (drivers/dax/bus.c: id, size, align only).
    /// </summary>
    private static SysfsRead ReadNd(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.NdDevices);
        foreach (var p in state.Layout.PmemRegions)
        {
            var node = new NodeId(p.Device.TargetNode);
            if (name == $"region{p.RegionId}")
            {
                return file switch
                {
                    "size" => SysfsRead.Of($"{p.Size.Bytes}\n"),
                    "resource" => SysfsRead.Of($"{KernelFormat.Hex(p.Start.Value)}\n"),
                    "numa_node" => SysfsRead.Of($"{NumaNodeOf(state, node)}\n"),
                    "target_node" => SysfsRead.Of($"{node.Value}\n"),
                    _ => SysfsRead.Fail(Errno.ENOENT),
                };
            }

            if (name == p.Namespace)
            {
                return file switch
                {
                    "mode" => SysfsRead.Of("dax\n"),
                    "size" => SysfsRead.Of($"{p.Size.Bytes}\n"),
                    "resource" => SysfsRead.Of($"{KernelFormat.Hex(p.Start.Value)}\n"),
                    "numa_node" => SysfsRead.Of($"{NumaNodeOf(state, node)}\n"),
                    _ => SysfsRead.Fail(Errno.ENOENT),
                };
            }

            if (name == p.DaxName)
            {
                var region = state.Dax.Region(p.RegionId);
                return file switch
                {
                    "mode" => SysfsRead.Of(p.Device.Map == PfnMap.Dev ? "pmem\n" : "ram\n"),
                    "align" => SysfsRead.Of($"{p.Device.PfnAlign.Bytes}\n"),
                    "namespace" => SysfsRead.Of($"{p.Namespace}\n"),
                    "size" => SysfsRead.Of($"{p.DataSize.Bytes}\n"),
                    "resource" => SysfsRead.Of($"{KernelFormat.Hex(p.DataStart.Value)}\n"),
                    "dax_region/id" when region is not null => SysfsRead.Of($"{region.Id}\n"),
                    "dax_region/size" when region is not null => SysfsRead.Of($"{region.Size.Bytes}\n"),
                    "dax_region/align" when region is not null => SysfsRead.Of($"{region.Align.Bytes}\n"),
                    _ => SysfsRead.Fail(Errno.ENOENT),
                };
            }
        }

        return SysfsRead.Fail(Errno.ENOENT);
    }
}
