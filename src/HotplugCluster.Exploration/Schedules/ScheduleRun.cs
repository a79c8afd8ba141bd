using System.Globalization;
using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Exploration.Traces;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Invariants;
using HotplugCluster.Simulation.Scenarios;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Exploration.Schedules;

/// <summary>
/// Runs one schedule of a stress scenario: boots its own <see cref="SimulatedHost"/> under the given strategy, runs
/// the setup in order, arms the fault plan, starts the strategy, then runs the lanes concurrently (a lane's next
/// command is submitted when its previous one returns; reads run at once), checking every invariant after every work
/// step; at the end, leaked locks, the invariants once more and the expectations. Stops at the first finding.
/// </summary>
public sealed class ScheduleRun
{
    private readonly StressScenario _scenario;
    private readonly ExplorationStrategy _strategy;
    private readonly bool _detail;
    private readonly IReadOnlyList<IInvariant> _invariants = InvariantSet.Standard();
    private readonly Dictionary<string, (string Lane, string Command)> _ops = new(StringComparer.Ordinal);
    private readonly List<LaneResult> _results = [];
    private readonly List<(int Position, TraceLine Line)> _reads = [];
    private readonly List<string> _leaked = [];
    private readonly List<string> _dimmNames = [];
    private readonly List<(PhysAddr Start, ByteSize Size)> _dimmRanges = [];
    private SimulatedHost? _host;
    private Finding? _finding;
    private readonly ExplorationSettings _settings;
    private int _workSteps;
    private int _checkedJournal = -1;

    // Per lane: its in-flight operation (id, task) and a daxctl process between its writes.
    private Task?[] _pending = [];
    private string?[] _pendingOp = [];
    private (DaxctlProcess Process, StringWriter Output, string Command)?[] _process = [];
    private int _submitted;
    private int _firstLaneOp;

    private ScheduleRun(StressScenario scenario, ExplorationStrategy strategy, bool detail, ExplorationSettings settings)
    {
        _scenario = scenario;
        _strategy = strategy;
        _detail = detail;
        _settings = settings;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> once under <paramref name="strategy"/> with <paramref name="faults"/>;
    /// <paramref name="detail"/> keeps the readable trace. The state invariants run after every work step that
    /// journaled events (a step that journaled nothing changed nothing), lock discipline after every work step;
    /// <c>journal-replay</c> (a whole-state comparison, ~80 µs) runs once the lanes have returned unless
    /// <see cref="ExplorationSettings.JournalEveryStep"/>; everything runs once more at the end. With
    /// <see cref="ExplorationSettings.CheckEveryStep"/> off, only lock discipline runs per step.
    /// </summary>
    public static ScheduleOutcome Execute(StressScenario scenario, ExplorationStrategy strategy, FaultPlan faults, bool detail = false, ExplorationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(faults);
        return new ScheduleRun(scenario, strategy, detail, settings ?? new ExplorationSettings()).Run(faults);
    }

    private ScheduleOutcome Run(FaultPlan faults)
    {
        using var host = SimulatedHost.Boot(_scenario.Host, new SimulatedHostOptions
        {
            StrategyFactory = () => _strategy,
            RecordTrace = false,
            RecordSteps = _detail,
            OnStep = OnStep,
        });
        _host = host;
        var shell = new HostShell(host);
        foreach (var op in _scenario.Setup)
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            var status = shell.Execute(op.Command, output);
            if (status != 0)
            {
                _results.Add(new LaneResult("setup", op.Command.Text, $"exit {status}: {output.ToString().Split('\n')[0]}"));
            }
        }

        host.State.Faults = faults;
        var firstLaneOp = host.Operations.Count;
        var firstStep = host.StepLog.Count;
        _strategy.Start();
        RunLanes(host, shell, firstLaneOp);
        if (_finding is null)
        {
            host.RunUntilQuiescent();
            Finish(host);
        }

        return new ScheduleOutcome(_finding, [.. _strategy.Choices], faults, _results, _detail ? Lines(host, firstStep) : []);
    }

    private void RunLanes(SimulatedHost host, HostShell shell, int firstLaneOp)
    {
        var lanes = _scenario.Lanes;
        var next = new int[lanes.Count];
        _pending = new Task?[lanes.Count];
        _pendingOp = new string?[lanes.Count];
        _process = new (DaxctlProcess, StringWriter, string)?[lanes.Count];
        _firstLaneOp = firstLaneOp;
        var pending = _pending;
        bool Wake()
        {
            if (_finding is not null)
            {
                return true;
            }

            foreach (var t in pending)
            {
                if (t is { IsCompleted: true })
                {
                    return true;
                }
            }

            return false;
        }

        while (true)
        {
            var busy = false;
            for (var i = 0; i < lanes.Count; i++)
            {
                if (pending[i] is { IsCompleted: true } done)
                {
                    pending[i] = null;
                    host.State.Signals.Clear(_pendingOp[i]!);
                    if (_process[i] is { } p && !done.IsFaulted)
                    {
                        // The write returned to daxctl, which reads sysfs and decides its next write (or exits).
                        p.Process.Complete(((Task<SysfsWrite>)done).Result);
                        Continue(host, lanes[i], i);
                    }
                    else
                    {
                        _process[i] = null;
                        Returned(lanes[i], _pendingOp[i]!, done);
                    }
                }

                while (pending[i] is null && next[i] < lanes[i].Commands.Count && _finding is null)
                {
                    var command = lanes[i].Commands[next[i]++].Command;
                    if (DaxctlProcess.Runs(command))
                    {
                        var output = new StringWriter(CultureInfo.InvariantCulture);
                        _process[i] = (new DaxctlProcess(command, host, output), output, command.Text);
                        Continue(host, lanes[i], i);
                        continue;
                    }

                    var task = Submit(host, shell, lanes[i], i, command);
                    if (task is not null)
                    {
                        Track(i, lanes[i], command.Text, task);
                    }
                }

                busy |= pending[i] is not null;
            }

            if (!busy || _finding is not null)
            {
                return;
            }

            if (!host.RunUntil(Wake))
            {
                Report(new Finding("deadlock", host.StuckReport() ?? "nothing can run and a lane has not returned", _strategy.Choices.Count, null, null, null));
                return;
            }
        }
    }

    private void Track(int lane, Lane l, string command, Task task)
    {
        var opId = "op" + (_firstLaneOp + ++_submitted).ToString(CultureInfo.InvariantCulture);
        _ops[opId] = (l.Name, command);
        _pending[lane] = task;
        _pendingOp[lane] = opId;
    }

    /// <summary>Runs a lane's daxctl process to its next write (submitted as its own operation) or to its exit (its result recorded).</summary>
    private void Continue(SimulatedHost host, Lane lane, int i)
    {
        var (process, output, command) = _process[i]!.Value;
        if (process.MoveNext())
        {
            var w = process.Current;
            Track(i, lane, $"{command} | echo {w.Value.TrimEnd('\n')} > {w.Path}", host.SubmitWrite(w.Path, w.Value));
            return;
        }

        _process[i] = null;
        var text = output.ToString().Split('\n')[0];
        var status = process.Status;
        output.Dispose();
        _results.Add(new LaneResult(lane.Name, command, status == 0 ? text : $"exit {status}: {text}"));
        if (_detail)
        {
            _reads.Add((host.StepLog.Count, new TraceLine(lane.Name, "-", command, $"$ {command} -> exit {status}: {text}")));
        }
    }

    /// <summary>Starts a lane command: an operation (its task), or a read run at once (null).</summary>
    private Task? Submit(SimulatedHost host, HostShell shell, Lane lane, int laneIndex, ShellCommand command)
    {
        switch (command)
        {
            case CxlInsertCommand c:
                return host.Submit(new CxlMemdevInsert(c.Memdev));
            case CxlRemoveCommand c:
                return host.Submit(new CxlMemdevRemove(c.Memdev, c.Surprise, host.SignalAfterAttempts));
            case SignalCommand c:
                Signal(host, lane, laneIndex, c);
                return null;
            case EchoCommand c:
                return host.SubmitWrite(c.Path, c.NoNewline ? c.Value : c.Value + "\n");
            case WorkloadAllocCommand c:
                return host.Submit(new WorkloadAllocate(new NodeId(c.Node), c.Kind, c.Pages, c.Zone));
            case WorkloadFreeCommand c:
                return host.Submit(new WorkloadFree(new NodeId(c.Node), c.Kind, c.Pages));
            case DimmAddCommand c:
                // Two lanes' DIMMs may be in flight at once: a name handed out in this run is not handed out again.
                var name = DimmPlacement.NextName(host.State, _dimmNames);
                var start = DimmPlacement.Place(host.State, c.Size, _dimmRanges);
                _dimmNames.Add(name);
                _dimmRanges.Add((start, c.Size));
                return host.Submit(new AcpiMemoryDeviceAdd(name, new NodeId(c.Node), start, c.Size));
            case DimmEjectCommand c:
                var dimm = c.Name.StartsWith("PNP0C80:", StringComparison.Ordinal) ? c.Name["PNP0C80:".Length..] : c.Name;
                return host.Submit(new AcpiMemoryDeviceEject(dimm, host.SignalAfterAttempts));
            default:
                using (var output = new StringWriter(CultureInfo.InvariantCulture))
                {
                    var status = shell.Execute(command, output);
                    var text = output.ToString().Split('\n')[0];
                    _results.Add(new LaneResult(lane.Name, command.Text, status == 0 ? text : $"exit {status}: {text}"));
                    if (_detail)
                    {
                        _reads.Add((host.StepLog.Count, new TraceLine(lane.Name, "-", command.Text, $"$ {command.Text} -> {text}")));
                    }
                }

                return null;
        }
    }

    /// <summary>
    /// <c>kill</c> from another lane: the target lane's in-flight operation gets a signal, pending until it returns (an
    /// offline looping on migration sees it and fails with -EINTR); a lane with nothing in flight: a no-op.
    /// </summary>
    private void Signal(SimulatedHost host, Lane lane, int laneIndex, SignalCommand c)
    {
        var target = -1;
        for (var j = 0; j < _scenario.Lanes.Count; j++)
        {
            target = _scenario.Lanes[j].Name == c.Lane ? j : target;
        }

        string result;
        if (target >= 0 && target != laneIndex && _pending[target] is { IsCompleted: false } && _pendingOp[target] is { } opId)
        {
            host.State.Signals.Raise(opId);
            result = $"signal sent to {c.Lane}/{opId} ({_ops[opId].Command})";
        }
        else
        {
            result = $"no-op: {c.Lane} has no operation in flight";
        }

        _results.Add(new LaneResult(lane.Name, c.Text, result));
        if (_detail)
        {
            _reads.Add((host.StepLog.Count, new TraceLine(lane.Name, "-", c.Text, $"$ {c.Text} -> {result}")));
        }
    }

    private void Returned(Lane lane, string opId, Task done)
    {
        string result;
        if (done.IsFaulted)
        {
            var error = done.Exception!.InnerException?.Message ?? done.Exception.Message;
            result = "fault: " + error;
            Report(new Finding("operation-fault", $"{lane.Name}/{opId} ({_ops[opId].Command}): {error}", _strategy.Choices.Count, lane.Name, opId, null));
        }
        else
        {
            result = done switch
            {
                Task<SysfsWrite> w => w.Result.Error is { } e ? e.Name : "ok",
                Task<WorkloadAllocate> a => a.Result.Error is { } e ? e.Name : "ok",
                Task<WorkloadFree> f => f.Result.Error is { } e ? e.Name : "ok",
                Task<AcpiMemoryDeviceAdd> d => d.Result.Error is { } e ? e.Name : "ok",
                Task<AcpiMemoryDeviceEject> j => j.Result.Error is { } e ? e.Name : "ok",
                Task<CxlMemdevInsert> x => x.Result.Error is { } e ? e.Name : "ok",
                Task<CxlMemdevRemove> x => x.Result.Error is { } e ? e.Name : "ok",
                _ => "ok",
            };
        }

        _results.Add(new LaneResult(lane.Name, _ops[opId].Command, result));
    }

    private void OnStep(HostStep step)
    {
        if (!_strategy.Started || _finding is not null || _host is null)
        {
            return;
        }

        _workSteps++;
        var execution = Execution(step);
        var context = new InvariantContext(_host.State, execution, _host.Journal, _leaked);

        // A step that journaled nothing changed no state: only the step's own lock discipline can break there.
        var journaled = _host.Journal.Count;
        var changed = journaled != _checkedJournal;
        _checkedJournal = journaled;
        foreach (var invariant in _invariants)
        {
            if (invariant is not LockDiscipline && (!changed || !_settings.CheckEveryStep || (invariant is JournalReflectsState && !_settings.JournalEveryStep)))
            {
                continue;
            }

            foreach (var v in invariant.Check(context))
            {
                var lane = _ops.TryGetValue(step.OpId, out var l) ? l.Lane : null;
                if (Report(new Finding(v.Invariant, v.Message, _strategy.Choices.Count, lane, step.OpId, step.Step.ToString())))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Keeps the first finding the settings report; false when this one is filtered out.</summary>
    private bool Report(Finding finding)
    {
        if (_finding is not null || !_settings.Reports(finding.Invariant))
        {
            return false;
        }

        _finding = finding;
        return true;
    }

    private StepExecution Execution(HostStep step)
    {
        var held = new List<HeldLock>();
        var others = new List<HeldLock>();
        foreach (var h in step.Held)
        {
            (h.OpId == step.OpId ? held : others).Add(new HeldLock(h.Lock.Lock, h.Lock.Instance));
        }

        var index = int.TryParse(step.OpId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var name = _ops.TryGetValue(step.OpId, out var op) ? $"{op.Lane}/{step.OpId}" : step.OpId;
        return new StepExecution(index, name, step.Step, held, others, _workSteps);
    }

    private void Finish(SimulatedHost host)
    {
        var steps = _strategy.Choices.Count;
        foreach (var problem in host.Problems)
        {
            if (problem.Contains(" returned holding ", StringComparison.Ordinal))
            {
                _leaked.Add(problem);
            }
        }

        foreach (var v in InvariantSet.Check(_invariants, new InvariantContext(host.State, null, host.Journal, _leaked)))
        {
            if (Report(new Finding(v.Invariant, v.Message + " (when every lane had returned)", steps, null, null, null)))
            {
                return;
            }
        }

        foreach (var e in _scenario.Expectations)
        {
            var read = e.Path == Expectation.DmesgPath
                ? new SysfsRead(string.Concat(host.State.Dmesg.Lines.Select(l => l + "\n")), null)
                : host.Read(e.Path);
            if (e.Check(read.Ok ? read.Content : null, read.Error?.Name) is { } failure)
            {
                if (Report(new Finding(Expectation.InvariantName, failure, steps, null, null, null)))
                {
                    return;
                }
            }
        }
    }

    private List<TraceLine> Lines(SimulatedHost host, int firstStep)
    {
        var lines = new List<TraceLine>();
        var log = host.StepLog;
        var read = 0;
        for (var i = firstStep; i <= log.Count; i++)
        {
            // A read runs between steps: it goes where the step log stood when it ran.
            while (read < _reads.Count && _reads[read].Position <= i)
            {
                lines.Add(_reads[read++].Line);
            }

            if (i < log.Count)
            {
                var (lane, command) = _ops.TryGetValue(log[i].OpId, out var op) ? op : ("-", "");
                lines.Add(new TraceLine(lane, log[i].OpId, command, log[i].Step));
            }
        }

        return lines;
    }
}
