namespace HotplugCluster.Kernel.Sysfs;

/// <summary>What a name in the simulated sysfs tree is, as <c>lstat</c> reports it.</summary>
public enum SysfsEntryKind
{
    Directory,
    File,
    Symlink,
}
