using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Mount;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug bench mount [--json] [--reads N]</c>: open+read+close latency (and CPU time) of a file through the mount, next to a tmpfs file
/// and the real sysfs in the same run, alternated in rounds; and real daxctl online-memory of a 256 GiB device (1,024 blocks of 256 MiB) under
/// <c>hotplug exec</c>, next to the exec of <c>true</c> and our own daxctl verb on the same host.
/// </summary>
internal static partial class BenchMountCommand
{
    private const int Rounds = 5;

    private const string BigHost = """
        host {
          kernel { memory-block-size = 256MiB, memmap-on-memory = on, auto-online-blocks = offline }
          numa-nodes = [ { id = 0, cpus = 4, dram = 4GiB }, { id = 1, cpus = 0 } ]
          cxl-devices = [ { name = mem0, capacity = 256GiB, target-node = 1, base = 256GiB, mode = system-ram } ]
        }
        """;

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var reads = new Option<int>("--reads") { Description = "open+read+close iterations per file.", DefaultValueFactory = _ => 20_000 };
        var command = new Command("mount", "Measure open+read+close through the FUSE mount (tmpfs and real sysfs as baselines) and real daxctl online-memory of 256 GiB under exec (needs root and FUSE).");
        command.Options.Add(json);
        command.Options.Add(reads);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                if ((FuseMount.Unavailable() ?? ExecNamespace.Unavailable()) is { } why)
                {
                    throw new MountException(why);
                }

                var settings = HostConfig.Read(ConfigLoader.Load(null, [BigHost], ConfigResolveOptions.Default));
                var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
                Latency(settings, Math.Max(1, parse.GetValue(reads)), results);
                Daxctl(settings, results);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(results));
                }
                else
                {
                    foreach (var (key, value) in results)
                    {
                        output.WriteLine($"{key,-48} {value.ToString("N1", CultureInfo.InvariantCulture),12}");
                    }
                }

                return 0;
            }
            catch (Exception e) when (HostOptions.IsUserError(e))
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.ExitCodeOf(e);
            }
        });
        return command;
    }

    /// <summary>
    /// µs per open+read+close of memoryN/state through the mount, of a tmpfs file, and of the real block_size_bytes (read
    /// only): <see cref="Rounds"/> rounds, the three files alternated in each, so a load that comes and goes hits all three;
    /// the median of the rounds, with their min and max. Next to each, the process's CPU time per iteration (the client's
    /// calls and, for the mount, the daemon's reader in this process): a load that delays both sides inflates the wall time more.
    /// </summary>
    private static void Latency(HostSettings settings, int reads, SortedDictionary<string, double> results)
    {
        using var host = SimulatedHost.Boot(settings);
        var fs = new SysfsFileSystem(host, host.System!);
        var dir = Directory.CreateTempSubdirectory("hotplug-bench-mount-").FullName;
        var tmpfs = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : dir, $"hotplug-bench-{Environment.ProcessId}");
        File.WriteAllText(tmpfs, "offline\n");
        try
        {
            using (FuseMount.Start(fs, dir))
            {
                const string real = "/sys/devices/system/memory/block_size_bytes";
                var files = new List<(string Key, string Path)>
                {
                    ("mount_open_read_close_us", $"{dir}/sys/devices/system/memory/memory8/state"),
                    ("baseline_tmpfs_open_read_close_us", tmpfs),
                };
                if (File.Exists(real))
                {
                    files.Add(("baseline_real_sysfs_open_read_close_us", real));
                }

                var perRound = Math.Max(1, reads / Rounds);
                var rounds = files.SelectMany(f => new[] { f.Key, Cpu(f.Key) }).ToDictionary(k => k, _ => new List<double>());
                foreach (var (_, path) in files)
                {
                    _ = PerRead(path, Math.Min(perRound, 1000));
                }

                for (var round = 0; round < Rounds; round++)
                {
                    foreach (var (key, path) in files)
                    {
                        var (wall, cpu) = PerRead(path, perRound);
                        rounds[key].Add(wall);
                        rounds[Cpu(key)].Add(cpu);
                    }
                }

                foreach (var (key, values) in rounds)
                {
                    values.Sort();
                    results[key] = values[values.Count / 2];
                    results[key.Replace("_us", "_min_us", StringComparison.Ordinal)] = values[0];
                    results[key.Replace("_us", "_max_us", StringComparison.Ordinal)] = values[^1];
                }
            }
        }
        finally
        {
            File.Delete(tmpfs);
            if (MountTable.At(dir).Count == 0)
            {
                Directory.Delete(dir);
            }
        }
    }

    /// <summary>
    /// µs per open(2)+read(2)+close(2), the three calls a sysfs client (libdaxctl's sysfs_read_attr(), cat) makes. Not
    /// File.OpenHandle: it adds an fstat(2), and after a direct_io read the FUSE inode's atime is stale
    /// (fuse_invalidate_atime(), fs/fuse/dir.c), so every fstat is one more round trip to the daemon.
    /// </summary>
    private static unsafe (double Wall, double Cpu) PerRead(string path, int reads)
    {
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var buffer = stackalloc byte[4096];
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reads; i++)
        {
            var fd = Open(name, 0);
            if (fd < 0 || Read(fd, buffer, 4096) < 0)
            {
                throw new MountException($"{path}: open or read failed (errno {Marshal.GetLastPInvokeError()})");
            }

            _ = Close(fd);
        }

        return (clock.Elapsed.TotalMicroseconds / reads, (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / reads);
    }

    private static string Cpu(string key) => key.Replace("_us", "_cpu_us", StringComparison.Ordinal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Seconds for real daxctl online-memory of the 256 GiB device under exec, for exec of true, and for our verb.</summary>
    private static void Daxctl(HostSettings settings, SortedDictionary<string, double> results)
    {
        var (setup, _) = UnderExec(settings, "true");
        results["exec_setup_and_true_s"] = setup;
        var (_, online) = UnderExec(settings, "daxctl online-memory dax0.0 >/dev/null 2>&1");
        results["daxctl_online_memory_256gib_s"] = online;
        using var host = SimulatedHost.Boot(settings);
        var shell = new HostShell(host);
        var clock = Stopwatch.StartNew();
        shell.ExecuteLine("daxctl online-memory dax0.0", TextWriter.Null);
        results["baseline_our_daxctl_verb_online_memory_256gib_s"] = clock.Elapsed.TotalSeconds;
    }

    /// <summary>The whole exec (namespace setup included) and the command alone, timed inside the namespace, in seconds.</summary>
    private static (double Exec, double Command) UnderExec(HostSettings settings, string command)
    {
        using var host = SimulatedHost.Boot(settings);
        var fs = new SysfsFileSystem(host, host.System!);
        var runDir = Directory.CreateTempSubdirectory("hotplug-bench-exec-").FullName;
        var mnt = Directory.CreateDirectory(Path.Combine(runDir, "mnt")).FullName;
        try
        {
            using var mount = FuseMount.Start(fs, mnt);
            var elapsed = Path.Combine(runDir, "elapsed");
            var clock = Stopwatch.StartNew();
            var status = ExecNamespace.Run(mount, fs, runDir, ["bash", "-c", $"s=$(date +%s%N); {command} || exit; echo $(( $(date +%s%N) - s )) > {elapsed}"]);
            var seconds = clock.Elapsed.TotalSeconds;
            return status == 0
                ? (seconds, long.Parse(File.ReadAllText(elapsed).Trim(), CultureInfo.InvariantCulture) / 1e9)
                : throw new MountException($"{command} exited with {status} under exec");
        }
        finally
        {
            if (MountTable.At(mnt).Count == 0)
            {
                Directory.Delete(runDir, recursive: true);
            }
        }
    }
}
