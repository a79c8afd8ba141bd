using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>One <c>write()</c> a user process makes: the resolved sysfs path and the bytes; the runner fills in <see cref="Result"/> before the process goes on.</summary>
public sealed class SysfsWriteRequest(string path, string value)
{
    public string Path { get; } = path;

    public string Value { get; } = value;

    /// <summary>The byte count or the errno the write returned.</summary>
    public SysfsWrite Result { get; set; }
}
