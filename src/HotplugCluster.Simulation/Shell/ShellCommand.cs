using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Simulation.Shell;

/// <summary>One parsed shell command; <see cref="Text"/> is the line as written (without its comment).</summary>
public abstract record ShellCommand(string Text);

/// <summary><c>cat PATH...</c>.</summary>
public sealed record CatCommand(string Text, IReadOnlyList<string> Paths) : ShellCommand(Text);

/// <summary><c>echo [-n] VALUE &gt; PATH</c>; the value gets a trailing newline unless <see cref="NoNewline"/>.</summary>
public sealed record EchoCommand(string Text, string Value, bool NoNewline, string Path) : ShellCommand(Text);

/// <summary><c>ls PATH</c>.</summary>
public sealed record LsCommand(string Text, string Path) : ShellCommand(Text);

/// <summary><c>dmesg</c> (the whole log) or <c>dmesg -c</c> (what arrived since the last <c>-c</c>, then mark it read).</summary>
public sealed record DmesgCommand(string Text, bool Clear) : ShellCommand(Text);

/// <summary><c>daxctl list [-d DEV] [-i]</c>: active devices, or idle ones too with <c>-i</c>.</summary>
public sealed record DaxctlListCommand(string Text, string? Device, bool Idle) : ShellCommand(Text);

/// <summary><c>daxctl reconfigure-device -m system-ram|devdax [-N] [-f] [--no-movable] DEV</c>.</summary>
public sealed record DaxctlReconfigureCommand(string Text, string Mode, bool NoOnline, bool Force, bool NoMovable, string Device)
    : ShellCommand(Text);

/// <summary><c>daxctl online-memory [--no-movable] DEV</c>.</summary>
public sealed record DaxctlOnlineCommand(string Text, bool NoMovable, string Device) : ShellCommand(Text);

/// <summary><c>daxctl offline-memory DEV</c>.</summary>
public sealed record DaxctlOfflineCommand(string Text, string Device) : ShellCommand(Text);

/// <summary><c>dimm add SIZE [--node N]</c>: a hypervisor hot-adds an ACPI memory device (a QEMU pc-dimm).</summary>
public sealed record DimmAddCommand(string Text, ByteSize Size, int Node) : ShellCommand(Text);

/// <summary><c>dimm eject NAME</c>: an ACPI eject request for a DIMM.</summary>
public sealed record DimmEjectCommand(string Text, string Name) : ShellCommand(Text);

/// <summary><c>workload alloc|pin --node N --pages P [--kind K] [--zone Z]</c>.</summary>
public sealed record WorkloadAllocCommand(string Text, int Node, PageKind Kind, PageCount Pages, ZoneType? Zone) : ShellCommand(Text);

/// <summary><c>workload free|unpin --node N --pages P [--kind K]</c>.</summary>
public sealed record WorkloadFreeCommand(string Text, int Node, PageKind Kind, PageCount Pages) : ShellCommand(Text);

/// <summary><c>cxl insert MEMDEV</c>: the card of a declared, empty slot is hot-inserted (<c>present = false</c> at boot).</summary>
public sealed record CxlInsertCommand(string Text, string Memdev) : ShellCommand(Text);

/// <summary>
/// <c>cxl remove MEMDEV</c> (orderly: what <c>cxl disable-region</c> + <c>destroy-region</c> do, then the card is
/// released) or <c>cxl surprise-remove MEMDEV</c> (the device vanishes; nothing asks the OS).
/// </summary>
public sealed record CxlRemoveCommand(string Text, string Memdev, bool Surprise) : ShellCommand(Text);

/// <summary><c>signal LANE</c>: a signal to another lane's in-flight operation (stress lanes only).</summary>
public sealed record SignalCommand(string Text, string Lane) : ShellCommand(Text);
