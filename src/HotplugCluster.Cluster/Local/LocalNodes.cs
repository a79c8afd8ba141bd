using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HotplugCluster.Cluster.Configuration;

namespace HotplugCluster.Cluster.Local;

/// <summary>
/// N <c>hotplug node</c> child processes on free 127.0.0.1 ports sharing one SQLite file in a fresh temporary folder:
/// the cluster <c>--nodes N</c> runs on. Each child watches its standard input (a pipe from this process) and leaves
/// when it closes, so no child outlives this process even when it is killed; <see cref="Dispose"/> kills them all and
/// removes the folder.
/// </summary>
public sealed class LocalNodes : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string _folder;
    private readonly CountdownEvent _up;
    private int _disposed;

    private LocalNodes(string folder, ImmutableArray<int> ports)
    {
        _folder = folder;
        _up = new CountdownEvent(ports.Length);
        Ports = ports;
        Journal = $"Data Source={Path.Combine(folder, "cluster.db")}";
        Seeds = [.. ports.Take(2).Select(p => $"akka.tcp://{AkkaConfig.SystemName}@127.0.0.1:{p}")];
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    private const string LocalSeedTimeout = "hotplug.cluster.seed-timeout = 120s";

    /// <summary>How a member's line announcing it is up begins (printed by <c>hotplug node</c>).</summary>
    public const string UpLine = "hotplug node up at ";

    /// <summary>The members' ports, in start order.</summary>
    public ImmutableArray<int> Ports { get; }

    /// <summary>The seed node addresses: the first two members.</summary>
    public ImmutableArray<string> Seeds { get; }

    /// <summary>The SQLite connection string the members share.</summary>
    public string Journal { get; }

    /// <summary>The child processes, in start order.</summary>
    public IReadOnlyList<Process> Processes => _processes;

    /// <summary>Each line a child prints (its "up" line, its slices started and done), with the child's index, from a reader thread.</summary>
    public event Action<int, string>? Line;

    /// <summary>What the children wrote to standard error so far, one line each.</summary>
    public IEnumerable<string> Errors => _errors;

    /// <summary>Starts <paramref name="count"/> members with <paramref name="launcher"/>, each given <paramref name="sets"/> as --set overrides.</summary>
    public static LocalNodes Start(int count, NodeLauncher launcher, IReadOnlyList<string> sets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(sets);
        var folder = Directory.CreateTempSubdirectory("hotplug-cluster-").FullName;
        var nodes = new LocalNodes(folder, FreePorts(count));
        try
        {
            JournalConnection.Parse(nodes.Journal).Prepare();
            foreach (var port in nodes.Ports)
            {
                nodes.StartNode(launcher, port, sets);
            }

            return nodes;
        }
        catch
        {
            nodes.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until every child has printed its "up" line; throws <see cref="ClusterException"/> naming the child when
    /// one exits first, or after <paramref name="timeout"/> (members start in a few seconds; a busy machine takes longer).
    /// </summary>
    public void WaitUntilUp(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_up.Wait(TimeSpan.FromMilliseconds(200)))
        {
            if (Exited() is { } exited)
            {
                throw new ClusterException(exited);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ClusterException($"{_up.CurrentCount} of {Ports.Length} local members were not up after {timeout.TotalSeconds:0}s: {_errors.LastOrDefault() ?? "no message"}");
            }
        }
    }

    /// <summary>The first child that has exited, with its exit code and its last error line, or null when all run.</summary>
    public string? Exited()
    {
        var gone = _processes.FindIndex(p => p.HasExited);
        return gone < 0 ? null : $"member {gone + 1} (port {Ports[gone]}) exited with code {_processes[gone].ExitCode}: {_errors.LastOrDefault() ?? "no message"}";
    }

    /// <summary>Kills every child still running and removes the temporary folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        KillAll();
        _up.Dispose();
        foreach (var p in _processes)
        {
            p.WaitForExit(5000);
            p.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A member that has not let go of the file yet: the folder is under the temporary directory and harmless.
        }
    }

    private void OnExit(object? sender, EventArgs e) => KillAll();

    private void KillAll()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
        }
    }

    private void StartNode(NodeLauncher launcher, int port, IReadOnlyList<string> sets)
    {
        var info = new ProcessStartInfo(launcher.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launcher.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        string[] args = ["node", "--hostname", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--seed-nodes", string.Join(',', Seeds), "--journal", Journal, "--watch-stdin"];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // This process watches its members (WaitUntilUp's timeout, exits): starting together on a busy machine, they may
        // take long to answer each other, and none waits in vain.
        foreach (var s in sets.Prepend(LocalSeedTimeout))
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(s);
        }

        foreach (var (name, value) in launcher.Environment.IsDefault ? [] : launcher.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new ClusterException($"could not start {launcher.FileName}");
        var index = _processes.Count;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                if (line.StartsWith(UpLine, StringComparison.Ordinal))
                {
                    _up.Signal();
                }

                Line?.Invoke(index, line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static ImmutableArray<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToImmutableArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
