using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Mount.Tests;

/// <summary>A test body against small-cxl mounted on a fresh temporary directory: the mount must be gone after it, and the directory is removed unless something is still mounted there.</summary>
internal static class Mounted
{
    public static void Run(string name, Action<SimulatedHost, SysfsFileSystem, string> body)
    {
        using var host = MountHosts.Boot();
        var fs = new SysfsFileSystem(host, host.System!);
        var dir = Directory.CreateTempSubdirectory($"hotplug-mount-{name}-").FullName;
        try
        {
            using (FuseMount.Start(fs, dir))
            {
                body(host, fs, dir);
            }

            Assert.Empty(MountTable.At(dir));
        }
        finally
        {
            if (MountTable.At(dir).Count == 0)
            {
                Directory.Delete(dir);
            }
        }
    }
}
