using System.Diagnostics;

namespace HotplugCluster.Mount.Tests;

/// <summary>A plain shell (bash, coreutils, findutils) against the mounted host: what it prints and the errors it reports.</summary>
[Collection(FuseMounts.Name)]
public sealed class ShellClientTests
{
    [FuseFact]
    public void Shell_reads_writes_and_lists_the_mounted_host()
    {
        Mounted.Run("shell", (host, fs, dir) =>
        {
            var m = $"{dir}/sys/devices/system/memory";
            var output = Bash(
                $"cat {m}/memory256/state",
                $"echo online_movable > {m}/memory256/state; echo rc=$?",
                $"cat {m}/memory256/state {m}/memory256/valid_zones",
                $"echo online_movable > {m}/memory256/state; echo rc=$?",
                $"echo 1 > {m}/block_size_bytes; echo rc=$?",
                $"echo 1 > {m}/no_such_file; echo rc=$?",
                $"cat {m}/memory256; echo rc=$?",
                $"ls -l {m}/memory256 | tail -n +2 | awk '{{print $1, $5, $9, $10, $11}}'",
                $"find {m} -name state | wc -l",
                $"realpath {dir}/sys/bus/dax/devices/dax0.0/subsystem");
            Assert.Equal(
                string.Join('\n',
                    "offline",
                    "rc=0",
                    "online",
                    "Movable",
                    $"bash: line 5: echo: write error: Invalid argument",
                    "rc=1",
                    $"bash: line 6: {m}/block_size_bytes: Permission denied",
                    "rc=1",
                    $"bash: line 7: {m}/no_such_file: Permission denied",
                    "rc=1",
                    $"cat: {m}/memory256: Is a directory",
                    "rc=1",
                    "lrwxrwxrwx 16 node1 -> ../../node/node1",
                    "-rw-r--r-- 4096 online  ",
                    "-r--r--r-- 4096 phys_device  ",
                    "-r--r--r-- 4096 phys_index  ",
                    "drwxr-xr-x 0 power  ",
                    "-r--r--r-- 4096 removable  ",
                    "-rw-r--r-- 4096 state  ",
                    "lrwxrwxrwx 22 subsystem -> ../../../../bus/memory",
                    "-rw-r--r-- 4096 uevent  ",
                    "-r--r--r-- 4096 valid_zones  ",
                    $"{host.State.Blocks.Registered().Count()}",
                    $"{dir}/sys/bus/dax",
                    ""),
                output);
            Assert.Equal("online", host.Read("/sys/devices/system/memory/memory256/state").Content!.Trim());
            Assert.Equal(2, fs.Writes.Count);
        });
    }

    /// <summary>Runs the lines in one bash, stderr merged into stdout in order.</summary>
    private static string Bash(params string[] lines)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec 2>&1\n" + string.Join('\n', lines));
        using var bash = Process.Start(start)!;
        var text = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        return text;
    }
}
