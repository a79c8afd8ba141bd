using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Mount;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Journal;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug exec --host FILE [--journal …] -- COMMAND [ARGS…]</c>: runs an unmodified program in a private mount
/// namespace whose /sys is the simulated host, and records the run like <c>hotplug run</c> (every client write with the
/// scheduler step it was submitted at, so <c>hotplug replay RUN --verify</c> re-executes it). Exits with the command's status.
/// </summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var host = new HostOptions();
        var journal = JournalOptions.Create();
        var noJournal = new Option<bool>("--no-journal") { Description = "Run without recording anything." };
        var command = new Argument<string[]>("COMMAND") { Description = "The program and its arguments, after --.", Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec", "Run a program in a private mount namespace where the simulated host replaces /sys; record the run.");
        host.AddTo(exec);
        exec.Options.Add(journal);
        exec.Options.Add(noJournal);
        exec.Arguments.Add(command);
        exec.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                if (ExecNamespace.Unavailable() is { } why)
                {
                    throw new MountException(why);
                }

                var hostFile = parse.GetValue(host.Host)!;
                var config = host.Load(parse);
                var scenario = new Scenario(hostFile, null, HostConfig.Read(config), []);
                var actors = ActorsConfig.FromConfig(config);
                var argv = parse.GetValue(command)!;
                if (parse.GetValue(noJournal))
                {
                    var status = 0;
                    new RunExecution("exec", scenario, actors.ToSettings(), null, Drive: (h, s) => status = Serve(h, s, argv, error).Status).Execute();
                    return status;
                }

                using var store = Journals.Open(JournalOptions.Resolve(parse.GetValue(journal), config));
                var runs = new RunJournal(store);
                var runId = runs.NewRunId("exec");
                (int Status, IReadOnlyList<RecordedWrite> Writes) served = (0, []);
                var outcome = new RunExecution(runId, scenario, actors.ToSettings(), store, Drive: (h, s) => served = Serve(h, s, argv, error)).Execute();

                // The writes are known once the command has exited: the run's configuration is recorded with them.
                var recorded = config.ToHocon() + $"\n{ScenarioConfig.OperationsKey} = []\n" + RecordedWrites.Render(served.Writes);
                runs.Start(new RunStarted(runId, "exec", hostFile, recorded, actors.Seed, actors.Strategy, RunCommand.ModelVersion,
                    DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
                runs.WriteSchedule(runId, outcome.Trace);
                var verdict = outcome.Problems.Count == 0 ? "ok" : $"{outcome.Problems.Count} problem(s): {outcome.Problems[0]}";
                runs.Finish(runId, new RunFinished(outcome.Events, outcome.Steps, verdict));
                error.WriteLine($"hotplug exec: recorded run {runId} in {store.DataSource}: {served.Writes.Count} write(s), {outcome.Events} events (hotplug replay {runId} --verify)");
                return served.Status;
            }
            catch (Exception e) when (HostOptions.IsUserError(e))
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.ExitCodeOf(e);
            }
        });
        return exec;
    }

    /// <summary>Mounts the host in a fresh run directory, runs the command against it, and unmounts whatever happens.</summary>
    private static (int Status, IReadOnlyList<RecordedWrite> Writes) Serve(Simulation.Hosts.SimulatedHost host, Actors.ActorSystem system, string[] argv, TextWriter error)
    {
        var fs = new SysfsFileSystem(host, system);
        fs.Problem += message => error.WriteLine($"hotplug exec: {message}");
        var runDir = Directory.CreateTempSubdirectory("hotplug-exec-").FullName;
        var mnt = Directory.CreateDirectory(Path.Combine(runDir, "mnt")).FullName;
        Process? child = null;
        void Kill(PosixSignalContext c)
        {
            c.Cancel = true;
            try
            {
                child?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Kill);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Kill);
        try
        {
            using var mount = FuseMount.Start(fs, mnt);
            var status = ExecNamespace.Run(mount, fs, runDir, argv, p => child = p, message => error.WriteLine($"hotplug exec: {message}"));
            if (status == ExecNamespace.Refused)
            {
                error.WriteLine("hotplug exec: the namespace was refused (see above); the command did not run");
            }

            return (status, fs.Writes);
        }
        finally
        {
            // Never recurse into a mount that is somehow still there.
            if (MountTable.At(mnt).Count == 0)
            {
                Directory.Delete(runDir, recursive: true);
            }
        }
    }
}
