using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace HotplugCluster.Cli;

/// <summary>
/// The long-running verbs (<c>stress</c>, <c>fleet</c>) allocate a great many short-lived objects, and how often
/// .NET collects them depends on its first-generation budget, which it derives from the CPU's cache size. Where the
/// machine does not report one (this project's 2-core VM exposes no cache topology) the budget falls to a small
/// default and collections dominate: stress online-offline-cycles ran 1,600-2,000 schedules/s against 2,590-2,660
/// with a 24 MiB budget, the fleet scale target +26% hosts/s. The budget can only be given in the environment
/// (<c>DOTNET_GCgen0size</c>; runtimeconfig.json has no such knob: measured on .NET 10, <c>System.GC.Gen0Size</c> there
/// leaves GC.GetConfigurationVariables()'s GCGen0MaxBudget at 6 MiB where the variable gives 24 MiB, and
/// <c>System.GC.Gen0MaxBudget</c> raises only the ceiling, not the budget), so <c>hotplug</c> restarts itself once with it set
/// when it runs one of those verbs and the variable is not already set (set it yourself to choose another value, or
/// <c>HOTPLUG_GC_RELAUNCH=0</c> to run as started). The restarted process shares the console and its exit code is
/// returned; <see cref="ChildProcessLink"/> ends the child with the parent (signals forwarded, PR_SET_PDEATHSIG). A restarted <c>fleet</c>,
/// <c>bench fleet</c> or <c>node</c> also gets dynamic PGO (see <see cref="Pgo"/>): a cluster member runs the same hosts a fleet
/// process does, so it runs with the same budget and JIT (<see cref="MemberVariables"/>; members the CLI starts get them too).
/// </summary>
internal static class GcBudget
{
    /// <summary>The first-generation budget the heavy verbs run with: 24 MiB, hex as the runtime reads it.</summary>
    public const string Gen0Size = "0x1800000";

    private const string Gen0Variable = "DOTNET_GCgen0size";
    private const string Gen0MaxBudgetProperty = "System.GC.Gen0MaxBudget";
    private const string RuntimeConfigVariable = "HOTPLUG_RUNTIMECONFIG";
    private const string RelaunchVariable = "HOTPLUG_GC_RELAUNCH";
    private const string PgoVariable = "DOTNET_TieredPGO";
    private const string QuickJitVariable = "DOTNET_TC_QuickJit";
    private const string SpinVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>The first-generation budget this process runs with, as set in the environment, or "default"; figures in <c>--json</c> carry it.</summary>
    public static string Current => Environment.GetEnvironmentVariable(Gen0Variable) ?? "default";

    /// <summary>
    /// The large-object threshold this process runs with (bytes), from runtimeconfig.json (<c>System.GC.LOHThreshold</c>,
    /// set in the project file) or <c>DOTNET_GCLOHThreshold</c>, or "default"; figures in <c>--json</c> carry it.
    /// </summary>
    public static string LohThreshold => Environment.GetEnvironmentVariable("DOTNET_GCLOHThreshold") ?? Configured("System.GC.LOHThreshold");

    /// <summary>
    /// The ceiling on the first-generation budget (bytes) this process runs with, from its runtimeconfig
    /// (<c>System.GC.Gen0MaxBudget</c>), or "default"; the fleet benchmarks' <c>--json</c> carry it. A restarted <c>fleet</c>,
    /// <c>bench fleet</c> or <c>node</c> runs with it at <see cref="Gen0Size"/> (<see cref="CappedRuntimeConfig"/>).
    /// </summary>
    public static string Gen0MaxBudget => Configured(Gen0MaxBudgetProperty);

    /// <summary>
    /// Whether this process runs with dynamic PGO (<c>DOTNET_TieredPGO=1</c>), which <c>fleet</c> and <c>bench fleet</c>
    /// are restarted with: the project turns PGO and quick JIT off for short runs (stress ran a third slower with PGO's
    /// instrumented tier), but a fleet runs for minutes, and with both back on it took 14% less CPU (1,500 hosts of the
    /// scale target, alternated runs: 37.2-38.2 s user against 43.5-44.8 s; quick JIT alone gained nothing).
    /// </summary>
    public static bool Pgo => Environment.GetEnvironmentVariable(PgoVariable) == "1";

    /// <summary>
    /// What a cluster member (<c>hotplug node</c>) runs with, besides the variables already set here: a fleet process's
    /// budget and JIT (it runs the same hosts, for as long as it lives), and thread pool workers that sleep at once when
    /// idle. Akka's timers wake the pool a hundred times a second, and each wake-up spun on sched_yield before sleeping: an idle
    /// member took 7% of a core (two members on this 2-core machine, 30 s: 206/200 ticks; 80/83 without the spin).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> MemberVariables()
    {
        (string Name, string Value)[] wanted = [(Gen0Variable, Gen0Size), (PgoVariable, "1"), (QuickJitVariable, "1"), (SpinVariable, "0")];
        foreach (var (name, value) in wanted)
        {
            if (Environment.GetEnvironmentVariable(name) is null && (name != QuickJitVariable || Environment.GetEnvironmentVariable(PgoVariable) is null))
            {
                yield return new(name, value);
            }
        }

        yield return new(RelaunchVariable, "0");
    }

    /// <summary>A runtimeconfig.json property's value, or "default".</summary>
    private static string Configured(string property) =>
        AppContext.GetData(property) is { } configured ? Convert.ToString(configured, System.Globalization.CultureInfo.InvariantCulture) ?? "default" : "default";

    /// <summary>Whether <paramref name="args"/> run a fleet: <c>fleet</c>, <c>bench fleet</c> or <c>bench cluster</c>.</summary>
    private static bool IsFleet(string[] args) =>
        args.Length > 0 && (args[0] == "fleet" || (args[0] == "bench" && args.Length > 1 && args[1] is "fleet" or "cluster"));

    /// <summary>Whether <paramref name="args"/> run a cluster member.</summary>
    private static bool IsNode(string[] args) => args.Length > 0 && args[0] == "node";

    /// <summary>Whether <paramref name="args"/> run a heavy verb: <c>stress</c>, <c>fleet</c>, <c>bench fleet</c> (which runs fleets) or <c>node</c>.</summary>
    private static bool IsHeavy(string[] args) => IsFleet(args) || IsNode(args) || (args.Length > 0 && args[0] == "stress");

    /// <summary>Runs the command in a child process with the budget set when that applies; null when this process should run it.</summary>
    public static int? RelaunchIfNeeded(string[] args)
    {
        if (!ChildProcessLink.AttachToParent())
        {
            // The process the user started is gone already: its work must not go on without it.
            return 1;
        }

        if (!IsHeavy(args)
            || Environment.GetEnvironmentVariable(Gen0Variable) is not null
            || Environment.GetEnvironmentVariable(RelaunchVariable) is not null
            || Command() is not { } command)
        {
            return null;
        }

        var capped = IsFleet(args) || IsNode(args) ? CappedRuntimeConfig() : null;
        var start = new ProcessStartInfo(capped?.Program ?? command.Program) { UseShellExecute = false };
        foreach (var arg in (capped?.Prefix ?? command.Prefix).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Gen0Variable] = Gen0Size;
        start.Environment[RelaunchVariable] = "0";
        if (capped is { } runtimeConfig)
        {
            start.Environment[RuntimeConfigVariable] = runtimeConfig.File;
        }

        start.Environment[ChildProcessLink.ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IsNode(args))
        {
            foreach (var (name, value) in MemberVariables())
            {
                start.Environment[name] = value;
            }
        }
        else if (IsFleet(args) && Environment.GetEnvironmentVariable(PgoVariable) is null && Environment.GetEnvironmentVariable(QuickJitVariable) is null)
        {
            start.Environment[PgoVariable] = "1";
            start.Environment[QuickJitVariable] = "1";
        }

        try
        {
            using var child = Process.Start(start);
            if (child is null)
            {
                return null;
            }

            // Ctrl+C reaches the child too (same process group); this process waits for it rather than dying first.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            using var forwarding = ChildProcessLink.ForwardSignals(child);
            child.WaitForExit();
            return child.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            if (capped is { } config)
            {
                File.Delete(config.File);
            }
        }
    }

    /// <summary>
    /// The capped runtimeconfig this process was restarted with (it lives as long as the process that restarted it), for
    /// the members a fleet on <c>--nodes</c> starts; null when there is none.
    /// </summary>
    public static string? RuntimeConfig =>
        Environment.GetEnvironmentVariable(RuntimeConfigVariable) is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>
    /// How to start this app as <c>dotnet exec</c> with its own runtimeconfig plus a first-generation budget capped at
    /// <see cref="Gen0Size"/> (<c>System.GC.Gen0MaxBudget</c>), written to a temporary file; null when that cannot be done.
    /// Without the background GC .NET lets the budget reach 128 MiB, and a fleet got there after every collection in
    /// which most of gen0 survived (each run's class prefix, a booted host kept as the restore template; with two
    /// workers, any collection that caught two hosts in flight): the next ~125 MB of allocation went to memory never
    /// touched before, ~13 µs a page fault on this VM (100 hosts of the scale target on one worker: 0.86-0.97 s of CPU
    /// against 0.55-0.63 s with the cap; docs/fleet.md). Only the fleet verbs get it: with it a whole run's replay
    /// (`bench journal`) read ~15% fewer events/s. The runtime reads this ceiling from runtimeconfig only
    /// (<c>DOTNET_GCgen0MaxBudget</c> in the environment left it at 128 MiB, measured on .NET 10 by the faults a run takes).
    /// </summary>
    private static (string Program, string[] Prefix, string File)? CappedRuntimeConfig()
    {
        var entry = typeof(GcBudget).Assembly.Location;
        var own = Path.ChangeExtension(entry, ".runtimeconfig.json");
        var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        if (entry.Length == 0 || !File.Exists(own) || !File.Exists(dotnet)
            || JsonNode.Parse(File.ReadAllText(own)) is not { } config
            || config["runtimeOptions"]?["configProperties"] is not JsonObject properties)
        {
            return null;
        }

        properties[Gen0MaxBudgetProperty] = Convert.ToInt64(Gen0Size, 16);
        var file = Path.Combine(Path.GetTempPath(), $"hotplug-{Environment.ProcessId}.runtimeconfig.json");
        File.WriteAllText(file, config.ToJsonString());
        return (dotnet, ["exec", "--runtimeconfig", file, entry], file);
    }

    // How this process was started: the hotplug apphost, or `dotnet hotplug.dll`.
    private static (string Program, string[] Prefix)? Command()
    {
        var process = Environment.ProcessPath;
        var entry = typeof(GcBudget).Assembly.Location;
        if (process is null || entry.Length == 0)
        {
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("hotplug", StringComparison.Ordinal))
        {
            return (process, []);
        }

        return name.Equals("dotnet", StringComparison.Ordinal) ? (process, [entry]) : null;
    }
}
