using Xunit;

namespace HotplugCluster.Kernel.Tests;

/// <summary>errno numbers and glibc strerror() texts (asm-generic/errno-base.h, errno.h).</summary>
public sealed class ErrnoTests
{
    [Theory]
    [InlineData(1, "EPERM", "Operation not permitted")]
    [InlineData(4, "EINTR", "Interrupted system call")]
    [InlineData(6, "ENXIO", "No such device or address")]
    [InlineData(7, "E2BIG", "Argument list too long")]
    [InlineData(12, "ENOMEM", "Cannot allocate memory")]
    [InlineData(16, "EBUSY", "Device or resource busy")]
    [InlineData(17, "EEXIST", "File exists")]
    [InlineData(19, "ENODEV", "No such device")]
    [InlineData(22, "EINVAL", "Invalid argument")]
    [InlineData(28, "ENOSPC", "No space left on device")]
    [InlineData(95, "EOPNOTSUPP", "Operation not supported")]
    [InlineData(133, "EHWPOISON", "Memory page has hardware error")]
    public void FromCode_gives_the_name_and_strerror_text(int code, string name, string message)
    {
        var e = Errno.FromCode(code);
        Assert.Equal(name, e.Name);
        Assert.Equal(message, e.Message);
        Assert.Equal(-code, e.KernelReturn);
    }

    [Fact]
    public void Unknown_codes_read_like_glibc()
    {
        Assert.Equal("Unknown error 4000", Errno.FromCode(4000).Message);
    }
}
