using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Messages;

/// <summary>An operation asks the owner of <see cref="Step"/>'s partition to run it (attempt 1, 2, … of a retrying step).</summary>
internal sealed record RunStep(KernelStep Step, string OpId, int Attempt);

/// <summary>The owner ran the step and applied its events; <see cref="Result"/> says whether to go on, fail or run it again.</summary>
internal sealed record StepDone(StepResult Result);

/// <summary>The owner refused to run the step: the operation does not hold the lock the step names, or the step threw (a model error).</summary>
internal sealed record StepRefused(string Reason, Exception? Cause = null);
