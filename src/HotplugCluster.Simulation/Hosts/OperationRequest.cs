using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// What a task actor runs: a ready operation, or a sysfs write it plans when it starts (the path is looked up
/// when the writing thread runs, not when it was queued). <see cref="Completed"/> is called once, in the task actor.
/// A value (a fleet host makes thousands, each carried once to its thread); <c>default</c> is no request.
/// </summary>
internal readonly record struct OperationRequest(KernelOperation? Operation, string? Path, string? Value, Action<OperationOutcome> Completed);

/// <summary>How an operation ended: the operation (Error / ReturnValue set), or the errno of a write that planned no operation, or a fault (a model or lock error).</summary>
/// <remarks>A value: every operation of a fleet host (thousands) ends with one, read once by its caller and dropped.</remarks>
internal readonly record struct OperationOutcome(KernelOperation? Operation, Errno? PlanError, Exception? Fault);
