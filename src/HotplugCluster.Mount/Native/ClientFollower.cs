using System.Text;

namespace HotplugCluster.Mount.Native;

/// <summary>
/// Keeps the reader on the CPU of the client it answers. A client and the reader wake each other three times per
/// open+read+close; the scheduler wakes a task on its previous CPU when that CPU is idle (<c>wake_affine_idle()</c>,
/// kernel/sched/fair.c), so a pair that once lands on two CPUs stays there, and every request then wakes an idle vCPU,
/// which on this paravirtualised machine costs ~250 µs: ~280 µs per open+read+close against ~50 on one CPU
/// (docs/mount.md). At the <see cref="CheckEvery"/>th open the reader reads the requesting thread's CPU
/// (<c>/proc/PID/stat</c>, field 39) and, when it runs elsewhere, moves there: <c>sched_setaffinity()</c> to that CPU,
/// then straight back to its own mask, so it is never pinned (a busy CPU does not hold it) and the wake-ups keep the pair
/// together from then on. At most one move per <see cref="MoveAtMostEvery"/> opens, so two clients on two CPUs do not
/// have the reader bounce between them. That read costs 11-15 µs (do_task_stat(), fs/proc/array.c), so each look that
/// finds the pair together doubles the opens to the next, up to <see cref="LongestInterval"/>; a move starts again from
/// <see cref="CheckEvery"/>. Reader thread only; a failing call turns following off, never the mount.
/// </summary>
internal sealed unsafe class ClientFollower : IDisposable
{
    /// <summary>The opens before the first look at the client's CPU (one pread(2) of an open /proc file), and after a move.</summary>
    public const int CheckEvery = 16;

    /// <summary>The most opens between two looks, reached while they keep finding the pair together.</summary>
    public const int LongestInterval = 256;

    /// <summary>The fewest opens between two moves.</summary>
    public const int MoveAtMostEvery = 128;

    private const int MaskBytes = 128;
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;

    private readonly byte[] _mask;
    private readonly byte[] _stat = new byte[1024];
    private long _opens;
    private long _nextCheck = CheckEvery;
    private int _interval = CheckEvery;
    private int _pid;
    private int _fd = -1;
    private bool _off;

    private ClientFollower(byte[] mask) => _mask = mask;

    /// <summary>How many times the reader moved.</summary>
    public long Moves { get; private set; }

    /// <summary>The open (counted from 1) at which the reader next looks at its client's CPU.</summary>
    public long NextCheck => _nextCheck;

    /// <summary>A follower for the calling thread (the reader), or null when its CPU mask cannot be read.</summary>
    public static ClientFollower? ForCurrentThread()
    {
        var mask = new byte[MaskBytes];
        fixed (byte* m = mask)
        {
            return LibFuse.SchedGetAffinity(0, MaskBytes, m) == 0 ? new ClientFollower(mask) : null;
        }
    }

    /// <summary>The opens to the next look after one that found the pair together <paramref name="interval"/> opens after the last.</summary>
    public static int Longer(int interval) => Math.Min(interval * 2, LongestInterval);

    /// <summary>The CPU field (39) of a <c>/proc/PID/stat</c> text, or -1: counted after the last ')', since a command name may hold spaces and parentheses.</summary>
    public static int Processor(ReadOnlySpan<byte> stat)
    {
        var close = stat.LastIndexOf((byte)')');
        if (close < 0)
        {
            return -1;
        }

        // After ") " comes field 3 (the state); field 39 is 36 spaces further.
        var rest = stat[(close + 1)..];
        for (var field = 2; field < 39; field++)
        {
            var space = rest.IndexOf((byte)' ');
            if (space < 0)
            {
                return -1;
            }

            rest = rest[(space + 1)..];
        }

        var end = rest.IndexOf((byte)' ');
        var digits = end < 0 ? rest : rest[..end];
        var cpu = 0;
        if (digits.IsEmpty)
        {
            return -1;
        }

        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9' || cpu > 100_000)
            {
                return -1;
            }

            cpu = (cpu * 10) + (d - '0');
        }

        return cpu;
    }

    /// <summary>An open by thread <paramref name="pid"/> (0 when not visible here), before its reply.</summary>
    public void Opened(int pid)
    {
        _opens++;
        if (_off || pid <= 0 || _opens < _nextCheck)
        {
            return;
        }

        var client = CpuOf(pid);
        if (client < 0 || client >= MaskBytes * 8 || (_mask[client / 8] & (1 << (client % 8))) == 0 || LibFuse.SchedGetCpu() == client)
        {
            _interval = Longer(_interval);
            _nextCheck = _opens + _interval;
            return;
        }

        var there = new byte[MaskBytes];
        there[client / 8] = (byte)(1 << (client % 8));
        fixed (byte* t = there)
        fixed (byte* m = _mask)
        {
            // The first call moves the thread before it returns (the CPU it runs on is no longer allowed); the second only widens the mask again.
            _off = LibFuse.SchedSetAffinity(0, MaskBytes, t) != 0 | LibFuse.SchedSetAffinity(0, MaskBytes, m) != 0;
        }

        _interval = CheckEvery;
        _nextCheck = _opens + MoveAtMostEvery;
        Moves++;
    }

    public void Dispose() => Forget();

    private int CpuOf(int pid)
    {
        if (pid != _pid)
        {
            Forget();
            fixed (byte* path = Encoding.ASCII.GetBytes($"/proc/{pid}/stat\0"))
            {
                _fd = LibFuse.Open(path, ORdOnly | OCloExec);
            }

            _pid = _fd < 0 ? 0 : pid;
        }

        if (_fd < 0)
        {
            return -1;
        }

        fixed (byte* b = _stat)
        {
            var n = LibFuse.Pread(_fd, b, (nuint)_stat.Length, 0);
            return n <= 0 ? -1 : Processor(_stat.AsSpan(0, (int)n));
        }
    }

    private void Forget()
    {
        if (_fd >= 0)
        {
            _ = LibFuse.Close(_fd);
            _fd = -1;
        }

        _pid = 0;
    }
}
