using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// The inode numbers the kernel knows the mount's entries by: one per path, handed out on first use and kept for the
/// mount's life (1 is the root, <c>FUSE_ROOT_ID</c>), so a request names its file by number and the path is never rebuilt.
/// Forgets are not counted: a path that comes back (a dax device deleted and created again) gets its old number. The
/// directories and symlinks a lookup answered are remembered, so the ones a write removes can be invalidated.
/// </summary>
internal sealed class Inodes
{
    public const ulong Root = 1;

    private readonly object _gate = new();
    private readonly Dictionary<string, ulong> _numbers = new(StringComparer.Ordinal) { ["/"] = Root };
    private readonly List<string> _paths = ["", "/"];
    private readonly HashSet<ulong> _cached = [];

    /// <summary>The path of inode <paramref name="ino"/>, or null when none was handed out.</summary>
    public string? PathOf(ulong ino)
    {
        lock (_gate)
        {
            return ino is > 0 and < int.MaxValue && (int)ino < _paths.Count ? _paths[(int)ino] : null;
        }
    }

    /// <summary>The number of <paramref name="path"/>, handed out now if it has none.</summary>
    public ulong Of(string path)
    {
        lock (_gate)
        {
            if (!_numbers.TryGetValue(path, out var ino))
            {
                ino = (ulong)_paths.Count;
                _paths.Add(path);
                _numbers.Add(path, ino);
            }

            return ino;
        }
    }

    /// <summary>The number of <paramref name="path"/>, which a lookup is about to give the kernel as a <paramref name="kind"/>.</summary>
    public ulong LookedUp(string path, SysfsEntryKind kind)
    {
        var ino = Of(path);
        if (kind != SysfsEntryKind.File)
        {
            lock (_gate)
            {
                _ = _cached.Add(ino);
            }
        }

        return ino;
    }

    /// <summary>
    /// The directories and symlinks the kernel was given that <paramref name="exists"/> no longer finds, as (parent
    /// inode, name), forgotten here; not those below a directory that went too (invalidating it drops them).
    /// </summary>
    public IReadOnlyList<(ulong Parent, string Name)> Vanished(Func<string, bool> exists)
    {
        lock (_gate)
        {
            var gone = _cached.Select(ino => _paths[(int)ino]).Where(path => !exists(path)).ToHashSet(StringComparer.Ordinal);
            _cached.RemoveWhere(ino => gone.Contains(_paths[(int)ino]));
            return gone
                .Where(path => !gone.Contains(Parent(path)))
                .Select(path => (_numbers[Parent(path)], path[(path.LastIndexOf('/') + 1)..]))
                .ToList();
        }
    }

    /// <summary>The path of <paramref name="name"/> in directory <paramref name="dir"/>.</summary>
    public static string Child(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    /// <summary>The directory holding <paramref name="path"/> (the root for the root).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
