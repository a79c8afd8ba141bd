namespace HotplugCluster.Kernel.Sysfs;

/// <summary>A write's outcome: the byte count the kernel returns, or its errno.</summary>
public readonly record struct SysfsWrite(int Bytes, Errno? Error)
{
    public bool Ok => Error is null;

    public override string ToString() => Error is { } e ? $"-{e.Name}" : Bytes.ToString();
}
