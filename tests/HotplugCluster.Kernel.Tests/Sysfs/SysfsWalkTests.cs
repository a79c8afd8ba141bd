using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>
/// What <c>find</c> over the mounted tree does: every listed name exists, every readable file reads, every link lands
/// on an entry (drivers/base/core.c device_add(): a device's directory, its attribute files and its links).
/// </summary>
public sealed class SysfsWalkTests
{
    public static TheoryData<KernelVersion> Versions => [KernelVersion.V6_1, KernelVersion.V6_12];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_listed_entry_of_a_host_with_CXL_and_pmem_resolves(KernelVersion version)
    {
        var host = KernelHost.Boot(Config(blockSize: MiB(128), cxlGiB: 1, dramGiB: 2, version: version) with
        {
            PmemDevices = [new PmemDeviceSettings("nmem0", GiB(1), 1, Map: PfnMap.Mem, Mode: CxlDeviceMode.SystemRam)],
        });
        var seen = 0;
        var todo = new Stack<string>(["/"]);
        while (todo.Count > 0)
        {
            var dir = todo.Pop();
            foreach (var name in host.List(dir) ?? throw new Xunit.Sdk.XunitException($"{dir} is listed but does not list"))
            {
                var path = dir == "/" ? "/" + name : $"{dir}/{name}";
                var entry = SysfsLayout.Lookup(host.State, path) ?? throw new Xunit.Sdk.XunitException($"{path} is listed but not found");
                seen++;
                switch (entry.Kind)
                {
                    case SysfsEntryKind.Directory:
                        todo.Push(path);
                        break;
                    case SysfsEntryKind.Symlink:
                        var target = SysfsLayout.Resolve(host.State, path);
                        Assert.True(SysfsLayout.Lookup(host.State, target) is not null, $"{path} -> {target} dangles");
                        break;
                    case SysfsEntryKind.File when entry.Readable:
                        Assert.True(host.Read(entry.Target!).Ok, $"{path} ({entry.Target}) does not read");
                        break;
                }
            }
        }

        Assert.True(seen > 300, $"walked only {seen} entries");
    }
}
