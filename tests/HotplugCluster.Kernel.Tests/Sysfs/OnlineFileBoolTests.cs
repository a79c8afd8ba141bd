using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>memoryN/online parses with kstrtobool() (drivers/base/core.c <c>online_store()</c>), whose words depend on the version (lib/kstrtox.c).</summary>
public sealed class OnlineFileBoolTests
{
    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    [InlineData("Enable")]
    public void Online_file_refuses_enable_and_disable_with_EINVAL_on_6_1(string word)
    {
        // 6.1's kstrtobool() switch knows y/Y/t/T/1, n/N/f/F/0 and on/off only.
        var host = Boot(MiB(256), cxlGiB: 1, version: KernelVersion.V6_1);
        Assert.Equal(Errno.EINVAL, host.Write(Block(63, "online"), word).Error);
        Assert.Equal("1\n", host.Read(Block(63, "online")).Content);
    }

    [Fact]
    public void Online_file_takes_enable_and_disable_on_6_8()
    {
        // The 6.8 kstrtobool() reads 'e' as true and 'd' as false.
        var host = Boot(MiB(256), cxlGiB: 1);
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "online"), "enable").Ok);
        Assert.Equal("1\n", host.Read(Block(host.BlocksOf(1)[0], "online")).Content);
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "online"), "disable").Ok);
        Assert.Equal("0\n", host.Read(Block(host.BlocksOf(1)[0], "online")).Content);
    }

    [Theory]
    [InlineData(KernelVersion.V6_1)]
    [InlineData(KernelVersion.V6_8)]
    public void Online_file_takes_on_and_y_on_every_version(KernelVersion version)
    {
        // An online block: device_online() returns 1, online_store() returns the count.
        var host = Boot(MiB(256), cxlGiB: 1, version: version);
        Assert.True(host.Write(Block(63, "online"), "on").Ok);
        Assert.True(host.Write(Block(63, "online"), "y").Ok);
        Assert.Equal(Errno.EINVAL, host.Write(Block(63, "online"), "x").Error);
    }
}
