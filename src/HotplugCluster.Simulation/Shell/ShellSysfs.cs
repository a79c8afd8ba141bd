using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// The host's sysfs as a process sees it: paths through the symlinks the kernel creates
/// (<c>node/nodeN/memoryM</c> → <c>memory/memoryM</c>, <c>daxX.Y/driver</c> → <c>bus/dax/drivers/DRIVER</c>) are
/// followed, and <c>//</c> and a trailing <c>/</c> are normalised, before the console answers.
/// </summary>
internal sealed class ShellSysfs(IHostConsole console)
{
    public IHostConsole Console { get; } = console;

    public SysfsRead Read(string path) => Console.Read(Resolve(path));

    public SysfsWrite Write(string path, string value) => Console.Write(Resolve(path), value);

    public IReadOnlyList<string>? List(string dir) => Console.List(Resolve(dir));

    /// <summary><c>readlink</c> of a dax device's <c>driver</c> link: the target, or null when unbound.</summary>
    public string? ReadLink(string path) => SysfsReader.ReadLink(Console.State, Normalise(path));

    /// <summary>The text of a file with its trailing newline removed, or null when the read fails.</summary>
    public string? ReadLine(string path)
    {
        var r = Read(path);
        return r.Ok ? r.Content!.TrimEnd('\n') : null;
    }

    public string Resolve(string path)
    {
        var p = Normalise(path);
        var (node, rest) = SysfsPath.Split(p, SysfsPath.Node);
        if (node is not null && rest is not null && SysfsPath.TryNumbered(node, "node", out _))
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var link = slash < 0 ? rest : rest[..slash];
            if (SysfsPath.TryNumbered(link, "memory", out _) && Console.List($"{SysfsPath.Node}/{node}") is { } names && names.Contains(link))
            {
                return $"{SysfsPath.Memory}/{rest}".TrimEnd('/');
            }
        }

        var (dev, file) = SysfsPath.Split(p, SysfsPath.DaxDevices);
        if (dev is not null && file is not null && (file == "driver" || file.StartsWith("driver/", StringComparison.Ordinal))
            && ReadLink($"{SysfsPath.DaxDevices}/{dev}/driver") is { } target)
        {
            var driver = target[(target.LastIndexOf('/') + 1)..];
            return $"{SysfsPath.DaxDrivers}/{driver}{file["driver".Length..]}";
        }

        return p;
    }

    private static string Normalise(string path)
    {
        var p = path;
        while (p.Contains("//", StringComparison.Ordinal))
        {
            p = p.Replace("//", "/", StringComparison.Ordinal);
        }

        return p.Length > 1 ? p.TrimEnd('/') : p;
    }
}
