using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Journal;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug replay RUN [--to N] [--sysfs PATH ...]</c> rebuilds the host of a recorded run from its journal alone
/// (Apply over the first N events, no rules) and prints sysfs files at that point; <c>--verify</c> re-executes the run
/// from its configuration, seed and recorded choices and checks the events are byte-identical.
/// </summary>
internal static class ReplayCommand
{
    private static readonly string[] DefaultFiles = ["/proc/meminfo"];

    public static Command Create()
    {
        var runArgument = new Argument<string>("RUN") { Description = "The run id (see hotplug journal list)." };
        var to = new Option<long?>("--to") { Description = "Rebuild the state after this many of the run's events (default: all)." };
        var sysfs = new Option<string[]>("--sysfs") { Description = "A simulated sysfs or procfs file to print at that point (repeatable; default /proc/meminfo).", AllowMultipleArgumentsPerToken = true };
        var verify = new Option<bool>("--verify") { Description = "Re-execute the run and check every event is reproduced byte for byte; names the first divergence." };
        var journal = JournalOptions.Create();
        var command = new Command("replay", "Rebuild a recorded run's host from its journal and show its sysfs at any event (time travel), or verify the run re-executes identically.");
        command.Arguments.Add(runArgument);
        command.Options.Add(to);
        command.Options.Add(sysfs);
        command.Options.Add(verify);
        command.Options.Add(journal);
        command.SetAction(parse => JournalCommand.Guard(parse, runs =>
        {
            var output = parse.InvocationConfiguration.Output;
            var runId = parse.GetValue(runArgument)!;
            var summary = JournalCommand.FindRun(runs, runId);
            var config = ConfigFactory.ParseString(summary.Started.Config, $"{runId}:config").Resolve(new ConfigResolveOptions { UseEnvironment = false });
            if (parse.GetValue(verify))
            {
                var scenario = ScenarioConfig.Read(config, summary.Started.Source);
                var result = RunVerification.Verify(runs, runId, scenario, ActorsConfig.FromConfig(config).ToSettings());
                var scope = result.Finished ? "" : " (the run did not finish: its stored prefix was checked)";
                if (result.Verified)
                {
                    output.WriteLine($"verified {runId}: {result.Stored} events re-executed byte for byte{scope}");
                    return 0;
                }

                output.WriteLine($"diverged {runId}: {result.Message}{scope}");
                return 1;
            }

            var settings = HostConfig.Read(config);
            var events = runs.Events(runId);
            var upTo = parse.GetValue(to) ?? events.Count;
            if (upTo < 0 || upTo > events.Count)
            {
                throw new RunNotFoundException($"--to {upTo} is outside the run's events (0..{events.Count})");
            }

            var state = KernelHost.Replay(settings, events.Take((int)upTo).Select(e => (KernelEvent)e.Event));
            var at = upTo == 0 ? "before its first event" : $"after event {upTo} of {events.Count} ({events[(int)upTo - 1].Repr.PersistenceId}#{events[(int)upTo - 1].Repr.SequenceNr} {events[(int)upTo - 1].Repr.Manifest})";
            output.WriteLine($"{runId} {at}");
            foreach (var path in parse.GetValue(sysfs) is { Length: > 0 } files ? files : DefaultFiles)
            {
                var read = SysfsReader.Read(state, path);
                output.WriteLine($"==> {path} <==");
                output.Write(read.Content ?? $"cat: {path}: {read.Error?.Message ?? "No such file or directory"}\n");
            }

            return 0;
        }, journal));
        return command;
    }
}
