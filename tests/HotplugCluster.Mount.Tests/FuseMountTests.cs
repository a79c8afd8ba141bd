using System.Diagnostics;

namespace HotplugCluster.Mount.Tests;

/// <summary>The reader thread and the writes it hands off, seen from clients of a real mount.</summary>
[Collection(FuseMounts.Name)]
public sealed class FuseMountTests
{
    [FuseFact]
    public void Reads_are_answered_while_a_write_runs()
    {
        // The write's thread waits (in Written, before the write's reply) for a client that reads through the same mount:
        // a reader that ran writes itself would never read that request.
        Mounted.Run("reader", (_, fs, dir) =>
        {
            var m = $"{dir}/sys/devices/system/memory";
            string? seen = null;
            fs.Written += () => seen = Cat($"{m}/memory256/state");
            File.WriteAllText($"{m}/memory256/state", "online_movable");
            Assert.Equal("online\n", seen);
        });
    }

    [FuseFact]
    public void Entries_a_write_removes_are_gone_at_once_from_the_kernels_cache()
    {
        // Unbinding kmem (daxctl reconfigure-device -m devdax, its blocks offline) removes the device's memory blocks and
        // its driver link; sysfs's next walk refuses their dentries (kernfs_dop_revalidate(), fs/kernfs/dir.c). Both
        // were looked up, and so cached by the kernel for a second, just before.
        Mounted.Run("inval", (_, fs, dir) =>
        {
            var block = $"{dir}/sys/devices/system/memory/memory256";
            var driver = $"{dir}/sys/bus/dax/devices/dax0.0/driver";
            Assert.True(Directory.Exists(block));
            Assert.True(Path.Exists(driver));
            File.WriteAllText($"{dir}/sys/bus/dax/drivers/kmem/unbind", "dax0.0");
            Assert.False(Directory.Exists(block));
            Assert.False(Path.Exists(driver));
            Assert.Null(fs.Lookup("/sys/devices/system/memory/memory256"));
        });
    }

    private static string Cat(string path)
    {
        var start = new ProcessStartInfo("cat") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var cat = Process.Start(start)!;
        var text = cat.StandardOutput.ReadToEndAsync();
        if (!cat.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            cat.Kill();
            return "cat was not answered within a minute";
        }

        return text.GetAwaiter().GetResult();
    }
}
