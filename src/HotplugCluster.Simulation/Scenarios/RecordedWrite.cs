namespace HotplugCluster.Simulation.Scenarios;

/// <summary>
/// A <c>write()</c> a real client made through the mounted tree (<c>hotplug exec</c>): the sysfs path, the bytes up to the
/// first NUL, and the scheduler step at which it was handed to the host. Re-submitting every write at its step, with the
/// recorded scheduler choices, re-executes the run exactly, racing writes included.
/// </summary>
/// <param name="Step">The host's scheduler step count when the write was submitted.</param>
/// <param name="Path">The model path written (<c>/sys/devices/system/memory/memory32/state</c>).</param>
/// <param name="Value">The bytes written.</param>
public sealed record RecordedWrite(long Step, string Path, string Value);
