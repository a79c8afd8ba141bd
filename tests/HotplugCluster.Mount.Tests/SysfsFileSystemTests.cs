using System.Text;
using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount.Tests;

/// <summary>The file system the mount serves, called directly (no FUSE needed).</summary>
public sealed class SysfsFileSystemTests
{
    private const string Memory = "/sys/devices/system/memory";
    private const string Dax = "/sys/devices/platform/ACPI0017:00/root0/decoder0.0/region0/dax_region0/dax0.0";

    private static SysfsFileSystem Fs(out Simulation.Hosts.SimulatedHost host)
    {
        host = MountHosts.Boot();
        return new SysfsFileSystem(host, host.System!);
    }

    [Fact]
    public void Write_runs_the_store_on_the_host_and_is_recorded_with_its_step()
    {
        var fs = Fs(out var host);
        using var _ = host;
        Assert.Equal(new SysfsWrite(15, null), fs.Write($"{Memory}/memory256/state", "online_movable\n"u8));
        Assert.Equal("online\n", fs.Read($"{Memory}/memory256/state").Content);
        var write = Assert.Single(fs.Writes);
        Assert.Equal($"{Memory}/memory256/state", write.Path);
        Assert.Equal("online_movable\n", write.Value);
        Assert.True(write.Step > 0);
    }

    [Fact]
    public void Write_stops_at_the_first_NUL_as_a_sysfs_store_reads_a_C_string()
    {
        // libdaxctl's sysfs_write_attr() writes strlen + 1 bytes.
        var fs = Fs(out var host);
        using var _ = host;
        Assert.Equal(new SysfsWrite(15, null), fs.Write($"{Memory}/memory256/state", Encoding.ASCII.GetBytes("online_movable\0")));
        Assert.Equal("online_movable", fs.Writes[0].Value);
    }

    [Fact]
    public void Write_fails_with_the_kernel_errno()
    {
        // state_store(): already online is -EINVAL; a file without a store (0444) cannot be opened for writing (kernfs_fop_open(), -EACCES).
        var fs = Fs(out var host);
        using var _ = host;
        Assert.True(fs.Write($"{Memory}/memory256/state", "online_movable"u8).Ok);
        Assert.Equal(Errno.EINVAL, fs.Write($"{Memory}/memory256/state", "online_movable"u8).Error);
        Assert.Equal(Errno.EACCES, fs.Write($"{Memory}/block_size_bytes", "1"u8).Error);
        Assert.Equal(Errno.EISDIR, fs.Write($"{Memory}/memory256", "1"u8).Error);
        Assert.Equal(Errno.ENOENT, fs.Write($"{Memory}/memory9999/state", "1"u8).Error);
    }

    [Fact]
    public void Links_read_relative_to_their_directory_as_sysfs_writes_them()
    {
        var fs = Fs(out var host);
        using var _ = host;
        Assert.Equal("../../node/node1", fs.ReadLink($"{Memory}/memory256/node1"));
        Assert.Equal("../../memory/memory256", fs.ReadLink("/sys/devices/system/node/node1/memory256"));
        Assert.Equal("../../../../../../../../bus/dax", fs.ReadLink($"{Dax}/subsystem"));
        Assert.Equal("../../../../../../../../bus/dax/drivers/kmem", fs.ReadLink($"{Dax}/driver"));
        Assert.Null(fs.ReadLink($"{Memory}/memory256/state"));
    }

    [Fact]
    public void Files_carry_the_kernels_modes()
    {
        var fs = Fs(out var host);
        using var _ = host;
        Assert.Equal(0x1a4, fs.Lookup($"{Memory}/memory256/state")!.Value.Mode);
        Assert.Equal(0x124, fs.Lookup($"{Memory}/memory256/phys_index")!.Value.Mode);
        Assert.Equal(SysfsEntryKind.Symlink, fs.Lookup("/sys/bus/dax/devices/dax0.0")!.Value.Kind);
        Assert.Equal(0x100, fs.Lookup($"{Dax}/resource")!.Value.Mode);
        Assert.Equal(0x80, fs.Lookup("/sys/bus/dax/drivers/kmem/bind")!.Value.Mode);
    }
}
