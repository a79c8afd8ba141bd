namespace HotplugCluster.Kernel.Sysfs;

/// <summary>
/// One name of the simulated tree: a directory, a file with its permission bits and the model path its reads and writes
/// go to, or a symlink with its absolute target (<see cref="SysfsLayout.Relative"/> gives what <c>readlink</c> prints).
/// </summary>
/// <param name="Kind">Directory, file or symlink.</param>
/// <param name="Mode">The permission bits (0444 read-only, 0644 read-write, 0200 write-only, 0755 directories, 0777 links).</param>
/// <param name="Target">For a file, the path <see cref="SysfsReader"/> and <see cref="SysfsWriter"/> know it by; for a link, the absolute path it points to.</param>
public readonly record struct SysfsEntry(SysfsEntryKind Kind, int Mode, string? Target)
{
    public static SysfsEntry Dir { get; } = new(SysfsEntryKind.Directory, 0x1ed, null);

    public static SysfsEntry File(int mode, string modelPath) => new(SysfsEntryKind.File, mode, modelPath);

    public static SysfsEntry Link(string target) => new(SysfsEntryKind.Symlink, 0x1ff, target);

    /// <summary>Whether the owner may write it (kernfs refuses an O_WRONLY open of a file without a store with EACCES).</summary>
    public bool Writable => Kind == SysfsEntryKind.File && (Mode & 0x80) != 0;

    /// <summary>Whether the owner may read it.</summary>
    public bool Readable => Kind != SysfsEntryKind.File || (Mode & 0x100) != 0;
}
