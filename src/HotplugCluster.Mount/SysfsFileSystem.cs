using System.Text;
using HotplugCluster.Actors;
using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Mount;

/// <summary>
/// A simulated host as a file system, safe to call from libfuse's worker threads. One lock guards the host: a read or a
/// listing sees the state between two scheduler steps; a write is submitted as an operation on the host's actors (as a
/// <c>hotplug sysfs</c> write is) and its caller then runs the scheduler a few steps at a time, letting go of the lock in
/// between, until its operation returns. Two clients writing at once therefore run as racing operations, each step
/// under the kernel's locks as the actors model them. Every write is recorded with the step it was submitted at.
/// </summary>
public sealed class SysfsFileSystem
{
    private const int StepsPerTurn = 8;

    private readonly object _gate = new();
    private readonly SimulatedHost _host;
    private readonly ActorSystem _system;
    private readonly List<RecordedWrite> _writes = [];
    private long _version;

    public SysfsFileSystem(SimulatedHost host, ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(system);
        _host = host;
        _system = system;
    }

    /// <summary>When the mount started: every entry's timestamps.</summary>
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Changes, under the lock, after anything that may change the host (a write submitted, each turn of its steps,
    /// <see cref="WithHost"/>): what a lookup or a read found while it stays the same is still what they would find. The
    /// host must be driven only through this file system while it is served.
    /// </summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Problems met while serving (a host that made no progress), for the daemon's log.</summary>
    public event Action<string>? Problem;

    /// <summary>Raised after every write has run (whatever its result), on the writer's thread, before the write returns.</summary>
    public event Action? Written;

    /// <summary>The writes so far, in submission order.</summary>
    public IReadOnlyList<RecordedWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The entry at a path of the mount (<c>/sys/…</c>, <c>/proc/…</c>), or null.</summary>
    public SysfsEntry? Lookup(string path)
    {
        lock (_gate)
        {
            return SysfsLayout.Lookup(_host.State, path);
        }
    }

    /// <summary>The names in a directory, or null when it is not one.</summary>
    public IReadOnlyList<string>? List(string dir)
    {
        lock (_gate)
        {
            return SysfsLayout.List(_host.State, dir);
        }
    }

    /// <summary>What readlink prints, or null when the path is not a link.</summary>
    public string? ReadLink(string path)
    {
        var entry = Lookup(path);
        if (entry is not { Kind: SysfsEntryKind.Symlink, Target: { } target })
        {
            return null;
        }

        var slash = path.LastIndexOf('/');
        return SysfsLayout.Relative(slash <= 0 ? "/" : path[..slash], target);
    }

    /// <summary>The text a read of the file returns, or its errno.</summary>
    public SysfsRead Read(string path)
    {
        lock (_gate)
        {
            return SysfsLayout.Lookup(_host.State, path) switch
            {
                { Kind: SysfsEntryKind.File, Target: { } model } => SysfsReader.Read(_host.State, model),
                { Kind: SysfsEntryKind.Directory } => SysfsRead.Fail(Errno.EISDIR),
                null => SysfsRead.Fail(Errno.ENOENT),
                _ => SysfsRead.Fail(Errno.EINVAL),
            };
        }
    }

    /// <summary>
    /// One <c>write()</c>: the bytes up to the first NUL (libdaxctl writes <c>strlen + 1</c> bytes, and a sysfs store
    /// sees a C string) go to the file's store as an operation on the host. Returns the byte count given, or the errno.
    /// </summary>
    public SysfsWrite Write(string path, ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        var value = Encoding.UTF8.GetString(nul < 0 ? data : data[..nul]);
        Task<SysfsWrite> task;
        lock (_gate)
        {
            switch (SysfsLayout.Lookup(_host.State, path))
            {
                case { Kind: SysfsEntryKind.File, Target: { } model } entry when entry.Writable:
                    _writes.Add(new RecordedWrite(_system.StepCount, model, value));
                    task = _host.SubmitWrite(model, value);
                    Changed();
                    break;
                case { Kind: SysfsEntryKind.Directory }:
                    return new SysfsWrite(0, Errno.EISDIR);
                case null:
                    return new SysfsWrite(0, Errno.ENOENT);
                default:
                    return new SysfsWrite(0, Errno.EACCES);
            }
        }

        while (true)
        {
            lock (_gate)
            {
                if (task.IsCompleted)
                {
                    break;
                }

                var budget = StepsPerTurn;
                var progressed = _host.RunUntil(() => task.IsCompleted || budget-- <= 0);
                Changed();
                if (!progressed && !task.IsCompleted)
                {
                    Problem?.Invoke(_host.StuckReport() ?? $"{path}: the host made no progress");
                    return new SysfsWrite(0, new Errno(35, "EDEADLK", "Resource deadlock avoided"));
                }
            }

            // Let another client's write in between two turns: that is where the kernel could interleave them.
            Thread.Yield();
        }

        var result = task.GetAwaiter().GetResult();
        Written?.Invoke();
        return result.Ok ? new SysfsWrite(data.Length, null) : result;
    }

    /// <summary>Runs <paramref name="action"/> with the host, under the lock (between scheduler steps).</summary>
    public T WithHost<T>(Func<SimulatedHost, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            try
            {
                return action(_host);
            }
            finally
            {
                Changed();
            }
        }
    }

    /// <summary>Under the lock, after the host may have changed.</summary>
    private void Changed() => Volatile.Write(ref _version, _version + 1);
}
