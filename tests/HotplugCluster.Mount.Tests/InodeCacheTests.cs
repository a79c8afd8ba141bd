using System.Text;
using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount.Tests;

/// <summary>The reader's per-inode entries and texts: reused while the host is unchanged, asked again after any write.</summary>
public sealed class InodeCacheTests
{
    private const string Block = "/sys/devices/system/memory/memory256";
    private const ulong StateIno = 7;
    private const ulong BlockIno = 8;

    [Fact]
    public void Text_is_the_same_bytes_when_the_host_is_unchanged()
    {
        using var host = MountHosts.Boot();
        var cache = new InodeCache(new SysfsFileSystem(host, host.System!));
        var first = cache.Text(StateIno, $"{Block}/state", out _);
        Assert.Same(first, cache.Text(StateIno, $"{Block}/state", out var errno));
        Assert.Equal(0, errno);
    }

    [Fact]
    public void Text_is_read_again_when_a_write_changed_the_host()
    {
        using var host = MountHosts.Boot();
        var fs = new SysfsFileSystem(host, host.System!);
        var cache = new InodeCache(fs);
        Assert.Equal("offline\n", Encoding.UTF8.GetString(cache.Text(StateIno, $"{Block}/state", out _)!));
        Assert.True(fs.Write($"{Block}/state", "online_movable"u8).Ok);
        Assert.Equal("online\n", Encoding.UTF8.GetString(cache.Text(StateIno, $"{Block}/state", out _)!));
    }

    [Fact]
    public void Entry_is_gone_when_a_write_removed_it()
    {
        // Unbinding kmem with the device's blocks offline removes them (daxctl reconfigure-device -m devdax).
        using var host = MountHosts.Boot();
        var fs = new SysfsFileSystem(host, host.System!);
        var cache = new InodeCache(fs);
        Assert.NotNull(cache.Entry(BlockIno, Block));
        Assert.True(fs.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0"u8).Ok);
        Assert.Null(cache.Entry(BlockIno, Block));
        Assert.Null(cache.Text(StateIno, $"{Block}/state", out var errno));
        Assert.Equal(2, errno);
    }

    [Fact]
    public void Text_of_a_directory_fails_with_EISDIR()
    {
        using var host = MountHosts.Boot();
        var cache = new InodeCache(new SysfsFileSystem(host, host.System!));
        Assert.Null(cache.Text(BlockIno, Block, out var errno));
        Assert.Equal(21, errno);
    }

    [Fact]
    public void Inode_numbers_beyond_the_first_slots_are_kept_too()
    {
        using var host = MountHosts.Boot();
        var cache = new InodeCache(new SysfsFileSystem(host, host.System!));
        var text = cache.Text(5000, $"{Block}/state", out _);
        Assert.Same(text, cache.Text(5000, $"{Block}/state", out _));
        Assert.Equal("offline\n", Encoding.UTF8.GetString(text!));
    }
}
