using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount.Tests;

/// <summary>The reader's following of its client's CPU: the /proc parsing, the cadence, and a real move between two CPUs.</summary>
public sealed partial class ClientFollowerTests
{
    [Fact]
    public void Processor_reads_field_39_when_the_command_name_holds_spaces_and_parentheses()
    {
        var fields = string.Join(' ', Enumerable.Range(3, 50).Select(f => f == 39 ? "7" : f == 38 ? "17" : (f * 11).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var stat = Encoding.ASCII.GetBytes($"4242 (a) b (c)) {fields}\n");
        Assert.Equal(7, ClientFollower.Processor(stat));
    }

    [Theory]
    [InlineData("4242 (cat) S 1 2 3")]
    [InlineData("no parenthesis at all")]
    [InlineData("")]
    public void Processor_is_minus_one_when_the_text_is_cut_short(string stat) =>
        Assert.Equal(-1, ClientFollower.Processor(Encoding.ASCII.GetBytes(stat)));

    [Fact]
    public void Processor_of_this_thread_is_one_of_the_machine_s_CPUs()
    {
        var stat = File.ReadAllBytes("/proc/thread-self/stat");
        Assert.InRange(ClientFollower.Processor(stat), 0, Environment.ProcessorCount - 1);
    }

    [Fact]
    public void Looks_twice_as_late_each_time_it_finds_nothing_to_follow_up_to_256_opens()
    {
        // No such thread (pid_max is at most 2^22): the look finds no CPU, as one that finds the pair together does.
        const int noSuchThread = int.MaxValue;
        Assert.Equal([32, 64, 128, 256, 256], new[] { 16, 32, 64, 128, 256 }.Select(ClientFollower.Longer).ToArray());
        using var follower = ClientFollower.ForCurrentThread()!;
        var looks = new List<int>();
        for (var open = 1; open <= 1000; open++)
        {
            var next = follower.NextCheck;
            follower.Opened(noSuchThread);
            if (follower.NextCheck != next)
            {
                looks.Add(open);
            }
        }

        Assert.Equal([16, 48, 112, 240, 496, 752], looks);
        Assert.Equal(0, follower.Moves);
    }

    /// <remarks>The scheduler may move a thread on its own right after, under load: one of five tries must end on the client's CPU, and every try must leave the thread's mask as it was.</remarks>
    [Fact]
    public void Opened_moves_the_thread_to_its_client_s_CPU_and_leaves_it_unpinned()
    {
        Assert.True(Environment.ProcessorCount >= 2, "this test needs two CPUs");
        var tries = Enumerable.Range(0, 5).Select(_ => Try()).ToList();
        Assert.All(tries, t => Assert.Equal(t.MaskBefore, t.MaskAfter));
        Assert.Contains(tries, t => t.Cpu == t.Target);
    }

    private static (int Target, int Cpu, string MaskBefore, string MaskAfter) Try()
    {
        (int, int, string, string)? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = MoveToClient();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true };
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result!.Value;
    }

    /// <summary>A client thread pinned to the CPU this thread is not on, parked; sixteen opens from it.</summary>
    private static (int Target, int Cpu, string MaskBefore, string MaskAfter) MoveToClient()
    {
        var before = Mask();
        var target = (SchedGetCpu() + 1) % Environment.ProcessorCount;
        using var parked = new ManualResetEventSlim();
        using var pinned = new ManualResetEventSlim();
        var tid = 0;
        var client = new Thread(() =>
        {
            var only = new byte[128];
            only[target / 8] = (byte)(1 << (target % 8));
            _ = SchedSetAffinity(0, only.Length, only);
            tid = GetTid();
            pinned.Set();
            parked.Wait();
        }) { IsBackground = true };
        client.Start();
        int now;
        try
        {
            pinned.Wait();
            using var follower = ClientFollower.ForCurrentThread()!;
            for (var open = 0; open < ClientFollower.CheckEvery; open++)
            {
                follower.Opened(tid);
            }

            now = SchedGetCpu();
        }
        finally
        {
            // The client ends with the try, also when it fails.
            parked.Set();
            client.Join();
        }

        return (target, now, before, Mask());
    }

    private static string Mask()
    {
        var mask = new byte[128];
        Assert.Equal(0, SchedGetAffinity(0, mask.Length, mask));
        return Convert.ToHexString(mask);
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "sched_getcpu")]
    private static partial int SchedGetCpu();

    [LibraryImport("libc", EntryPoint = "sched_getaffinity")]
    private static partial int SchedGetAffinity(int pid, nint size, [Out] byte[] mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static partial int SchedSetAffinity(int pid, nint size, byte[] mask);
}
