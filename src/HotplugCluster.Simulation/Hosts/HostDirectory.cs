using HotplugCluster.Actors;
using HotplugCluster.Actors.Collections;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Where a host's actors are: the refs an operation needs to route a step or a lock request (Akka would use
/// actor selection). Block and dax device entries appear when their owner spawns the actor and vanish in the
/// same step that removes the device, so routing never reaches a stopped actor.
/// </summary>
internal sealed class HostDirectory
{
    // Block actors by id.
    private readonly PagedTable<IActorRef> _blocks = new();

    // Restored blocks whose actor is spawned on first use (DeferBlocks), by id.
    private bool[]? _deferred;
    private readonly List<(string Name, IActorRef Ref)> _daxDevices = [];
    private readonly IActorRef?[] _globalLocks = new IActorRef?[Enum.GetValues<KernelLock>().Length];

    public IActorRef Host { get; set; } = null!;

    /// <summary>Locks a fallback owner served for a device whose new actor is being created; its constructor takes them.</summary>
    public List<Locks.LockQueue> PendingDeviceLocks { get; } = [];

    public IActorRef Mhp { get; set; } = null!;

    public IActorRef DaxBus { get; set; } = null!;

    public IActorRef Kmem { get; set; } = null!;

    public IActorRef[] Nodes { get; set; } = [];

    public IActorRef[] CxlDevices { get; set; } = [];

    /// <summary>The memdev names of <see cref="CxlDevices"/>, index for index.</summary>
    public string[] CxlDeviceNames { get; set; } = [];

    /// <summary>The actor of CXL memdev <paramref name="name"/> (one per cxl-devices entry, plugged in or not), or null.</summary>
    public IActorRef? CxlDevice(string? name) => Array.IndexOf(CxlDeviceNames, name) is var i and >= 0 ? CxlDevices[i] : null;

    public IActorRef? Block(uint id) => _blocks[id];

    /// <summary>The block ids that have an actor, ascending.</summary>
    public IEnumerable<uint> BlockIds()
    {
        for (var i = 0u; i < _blocks.End; i++)
        {
            if (_blocks[i] is not null)
            {
                yield return i;
            }
        }
    }

    /// <summary>The block ids that have an actor or a deferred one (<see cref="DeferBlocks"/>), ascending: what a snapshot spawns.</summary>
    public IEnumerable<uint> BlockIdsWithDeferred()
    {
        for (var i = 0u; i < Math.Max(_blocks.End, (uint)(_deferred?.Length ?? 0)); i++)
        {
            if (Block(i) is not null || (_deferred is { } deferred && i < deferred.Length && deferred[i]))
            {
                yield return i;
            }
        }
    }

    /// <summary>
    /// Restored blocks whose actors the mhp spawns when something is first routed to them (<see cref="HostProtocol.Fleet"/>):
    /// most of a fleet host's blocks never hear from anyone, and each actor cell is memory the collector copies.
    /// </summary>
    public void DeferBlocks(IReadOnlyList<uint> ids)
    {
        var end = (uint)(_deferred?.Length ?? 0);
        foreach (var id in ids)
        {
            end = Math.Max(end, id + 1);
        }

        Array.Resize(ref _deferred, (int)end);
        foreach (var id in ids)
        {
            _deferred[id] = true;
        }

        // The actor table's page directory at its final size at once (grown from the first block routed to, often a high id).
        _blocks.Reserve(end);
    }

    /// <summary>How many block ids the actor table's page directory has room for (every restored block's, once <see cref="DeferBlocks"/> ran).</summary>
    public uint BlockSlots => _blocks.End;

    /// <summary>Whether block <paramref name="id"/>'s actor was deferred and not spawned since; the deferral ends here.</summary>
    public bool TakeDeferred(uint id)
    {
        if (_deferred is { } deferred && id < deferred.Length && deferred[id])
        {
            deferred[id] = false;
            return true;
        }

        return false;
    }

    /// <summary>Sets (or, on removal, clears) block <paramref name="id"/>'s actor; either ends a deferral, so a removed block never gets its old actor back.</summary>
    public void SetBlock(uint id, IActorRef? actor)
    {
        if (_deferred is { } deferred && id < deferred.Length)
        {
            deferred[id] = false;
        }

        _blocks.Set(id, actor);
    }

    public IActorRef? DaxDevice(string name) => _daxDevices.Find(d => d.Name == name).Ref;

    public IEnumerable<string> DaxDeviceNames() => _daxDevices.Select(d => d.Name);

    public void SetDaxDevice(string name, IActorRef? actor)
    {
        _daxDevices.RemoveAll(d => d.Name == name);
        if (actor is not null)
        {
            _daxDevices.Add((name, actor));
        }
    }

    public IActorRef? GlobalLock(KernelLock kind) => _globalLocks[(int)kind];

    public void SetGlobalLock(KernelLock kind, IActorRef actor) => _globalLocks[(int)kind] = actor;

    /// <summary>The node actor of "nodeN", or null.</summary>
    public IActorRef? Node(string? target) =>
        target is not null && target.StartsWith("node", StringComparison.Ordinal) && ParseNumber(target.AsSpan(4), out var n) && n < (uint)Nodes.Length
            ? Nodes[n]
            : null;

    /// <summary>The block id of "memoryN", or null.</summary>
    public static uint? BlockIdOf(string? target) =>
        target is not null && target.StartsWith("memory", StringComparison.Ordinal) && ParseNumber(target.AsSpan(6), out var n) ? n : null;

    /// <summary>N of "memoryN" written as <see cref="BlockName"/> writes it (no sign, no leading zero) and below 2^31, else -1: one slot per block actor name.</summary>
    public static int BlockSlotOf(string name)
    {
        const string Prefix = "memory";
        if (name.Length <= Prefix.Length || name.Length > Prefix.Length + 9 || !name.StartsWith(Prefix, StringComparison.Ordinal)
            || (name[Prefix.Length] == '0' && name.Length > Prefix.Length + 1))
        {
            return -1;
        }

        var n = 0;
        for (var i = Prefix.Length; i < name.Length; i++)
        {
            var digit = name[i] - '0';
            if (unchecked((uint)digit) > 9)
            {
                return -1;
            }

            n = (n * 10) + digit;
        }

        return n;
    }

    /// <summary>
    /// <c>uint.TryParse</c> (invariant culture) with a fast path for plain digits: the step router parses a block or node
    /// name on every step, and the general parser's culture lookup and style checks were ~1.5% of a fleet host.
    /// </summary>
    internal static bool ParseNumber(ReadOnlySpan<char> text, out uint value)
    {
        if (text.Length is > 0 and <= 9)
        {
            uint n = 0;
            var i = 0;
            for (; i < text.Length; i++)
            {
                var digit = unchecked((uint)(text[i] - '0'));
                if (digit > 9)
                {
                    break;
                }

                n = (n * 10) + digit;
            }

            if (i == text.Length)
            {
                value = n;
                return true;
            }
        }

        return uint.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"memoryN" (<see cref="BlockId"/>'s text), made once per id for the whole process: every host of a fleet names its block actors alike.</summary>
    public static string BlockName(uint id) => new BlockId(id).ToString();
}
