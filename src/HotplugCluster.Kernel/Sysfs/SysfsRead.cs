namespace HotplugCluster.Kernel.Sysfs;

/// <summary>The text a read returns, or the errno the open / read fails with.</summary>
public readonly record struct SysfsRead(string? Content, Errno? Error)
{
    public static SysfsRead Of(string content) => new(content, null);

    public static SysfsRead Fail(Errno error) => new(null, error);

    public bool Ok => Error is null;
}
