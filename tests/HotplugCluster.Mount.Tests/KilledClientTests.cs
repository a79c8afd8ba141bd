using System.Diagnostics;

namespace HotplugCluster.Mount.Tests;

/// <summary>A client SIGKILLed while its write is in the daemon: the write runs to its end, the client dies, the mount serves on.</summary>
[Collection(FuseMounts.Name)]
public sealed class KilledClientTests
{
    private const int First = 256;
    private const int Blocks = 16;

    [FuseFact]
    public void Write_of_a_client_killed_mid_write_completes_and_the_mount_stays_usable()
    {
        Mounted.Run("kill-client", (_, fs, dir) =>
        {
            var m = $"{dir}/sys/devices/system/memory";

            // SIGKILL lands while the writer sits in write(2) on its third block: the operation has run, the reply is
            // not sent yet. FUSE keeps the killed task waiting for the reply (request_wait_answer(), fs/fuse/dev.c),
            // as state_store() in the kernel runs to its end once it holds device_hotplug_lock.
            Process? victim = null;
            var written = 0;
            fs.Written += () =>
            {
                if (Interlocked.Increment(ref written) == 3)
                {
                    victim!.Kill();
                }
            };
            using var writer = victim = Bash($"for b in $(seq {First} {First + Blocks - 1}); do echo online_movable > {m}/memory$b/state || exit 1; done");
            Assert.True(writer.WaitForExit(TimeSpan.FromMinutes(2)), "the killed writer did not exit");
            Assert.Equal(128 + 9, writer.ExitCode);
            Assert.Equal(3, fs.Writes.Count);
            Assert.Equal(
                Enumerable.Range(0, Blocks).Select(i => i < 3 ? "online" : "offline"),
                Enumerable.Range(First, Blocks).Select(b => File.ReadAllText($"{m}/memory{b}/state").Trim()));

            // The host is not left holding a lock: the rest come online through the same mount.
            using var rest = Bash($"for b in $(seq {First + 3} {First + Blocks - 1}); do echo online_movable > {m}/memory$b/state || exit 1; done");
            Assert.True(rest.WaitForExit(TimeSpan.FromMinutes(2)), "the second writer did not exit");
            Assert.Equal(0, rest.ExitCode);
            Assert.All(Enumerable.Range(First, Blocks), b => Assert.Equal("online\n", File.ReadAllText($"{m}/memory{b}/state")));
            Assert.Null(fs.WithHost(h => h.StuckReport()));
        });
    }

    private static Process Bash(string script)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return Process.Start(start)!;
    }
}
