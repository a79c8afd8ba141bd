using System.Text;
using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>Racing operations: submit several, run the scheduler, read the outcomes; and what the host looks like meanwhile.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>Starts <c>echo value &gt; path</c> on its own thread; completes with the byte count or the errno once the scheduler has run it.</summary>
    public Task<SysfsWrite> SubmitWrite(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        var done = new TaskCompletionSource<SysfsWrite>();
        Start(new OperationRequest(null, path, value, o =>
        {
            if (o.Fault is { } fault)
            {
                done.SetException(fault);
            }
            else if (o.Operation is null)
            {
                done.SetResult(new SysfsWrite(0, o.PlanError));
            }
            else
            {
                done.SetResult(o.Operation.Error is { } e ? new SysfsWrite(0, e) : new SysfsWrite(value.Length, null));
            }
        }));
        return done.Task;
    }

    /// <summary>Starts <paramref name="op"/> on its own thread; completes with it (Error / ReturnValue set), or faults on a model or lock error.</summary>
    public Task<T> Submit<T>(T op)
        where T : KernelOperation
    {
        ArgumentNullException.ThrowIfNull(op);
        var done = new TaskCompletionSource<T>();
        Start(new OperationRequest(op, null, null, o =>
        {
            if (o.Fault is { } fault)
            {
                done.SetException(fault);
            }
            else
            {
                done.SetResult(op);
            }
        }));
        return done.Task;
    }

    /// <summary>The steps one operation ran, in order.</summary>
    public IReadOnlyList<string> StepsOf(string opId) => [.. _context.Steps.Where(s => s.OpId == opId).Select(s => s.Step)];

    /// <summary>The ids of the blocks that have an actor now, ascending.</summary>
    public IReadOnlyList<uint> BlockActorIds() => [.. _context.Directory.BlockIds()];

    /// <summary>The names of the dax devices that have an actor now.</summary>
    public IReadOnlyList<string> DaxDeviceActorNames() => [.. _context.Directory.DaxDeviceNames()];

    /// <summary>Asks a host actor for its live children's names: "" for the host, "mhp", "dax", "node1"; drives the scheduler.</summary>
    public IReadOnlyList<string> ChildrenOf(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var dir = _context.Directory;
        var target = part switch
        {
            "" => dir.Host,
            "mhp" => dir.Mhp,
            "dax" => dir.DaxBus,
            _ => dir.Node(part) ?? throw new ArgumentException($"no host part '{part}'", nameof(part)),
        };
        var reply = target.Ask<ChildNames>(ListChildren.Instance);
        Await(reply);
        return reply.GetAwaiter().GetResult().Names;
    }

    /// <summary>
    /// When an operation has not returned: who waits for what, and who holds the locks (null when every operation
    /// returned). Meaningful when the scheduler is quiescent.
    /// </summary>
    public string? StuckReport()
    {
        var waiting = _context.Operations.Where(o => !o.Finished).ToList();
        if (waiting.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder($"{Name}: no progress; {waiting.Count} operation(s) have not returned");
        foreach (var op in waiting)
        {
            text.Append($"\n  {op} waits at {op.WaitingFor ?? "its start"}");
        }

        foreach (var held in _context.Locks.Held)
        {
            var holder = _context.Operations.FirstOrDefault(o => o.OpId == held.OpId);
            var state = holder is { Finished: true } ? ", returned" : "";
            text.Append($"\n  {held.Lock} held by {holder?.ToString() ?? held.OpId}{state}");
        }

        foreach (var (name, count) in _context.Locks.Requests)
        {
            text.Append($"\n  {count} request(s) for {name} out");
        }

        return text.ToString();
    }

    /// <summary>
    /// Hands <paramref name="request"/> to the host, which numbers it and gives it a thread. With reused threads the caller
    /// numbers it (in submission order, as the host would) and hands it straight to an idle thread when there is one: the
    /// host actor has nothing to decide, so a fleet's write costs one delivery less.
    /// </summary>
    private void Start(OperationRequest request)
    {
        if (!_context.Protocol.ReuseOperationThreads)
        {
            Actor.Tell(new StartOperation(request), null);
            return;
        }

        var status = _context.StartOperation(request);
        if (_context.IdleThreads.TryPop(out var thread))
        {
            thread.Tell(_context.RunOperation(status, request), Actor);
        }
        else
        {
            Actor.Tell(new StartOperation(request, status), null);
        }
    }
}
