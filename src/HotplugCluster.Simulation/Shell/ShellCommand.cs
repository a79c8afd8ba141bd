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

/// <summary>
/// <c>daxctl list</c> with its options (daxctl/list.c): filters <paramref name="Device"/> (<c>-d</c>) and
/// <paramref name="Region"/> (<c>-r</c>), the classes <c>-D</c> / <c>-R</c>, <c>-M</c> mappings, <c>-i</c> idle
/// devices and <c>-u</c> human-readable numbers.
/// </summary>
public sealed record DaxctlListCommand(
    string Text, string? Device, bool Idle, string? Region = null, bool Devices = false, bool Regions = false, bool Mappings = false, bool Human = false)
    : ShellCommand(Text);

/// <summary>daxctl device verbs' <c>BASE_OPTIONS</c> (daxctl/device.c): <c>-r REGION</c>, <c>-u</c>, <c>-v</c>.</summary>
public sealed record DaxctlCommonOptions(string? Region, bool Human, bool Verbose)
{
    public static readonly DaxctlCommonOptions None = new(null, false, false);
}

/// <summary>
/// <c>daxctl reconfigure-device DEV</c> with <c>-m system-ram|devdax</c> (null: none given), <c>-N</c>, <c>-f</c>,
/// <c>--no-movable</c>, and <c>-s SIZE</c> / <c>-a ALIGN</c> in bytes (-1: not given).
/// </summary>
public sealed record DaxctlReconfigureCommand(
    string Text, string? Mode, bool NoOnline, bool Force, bool NoMovable, string Device, long Size = -1, long Align = -1, DaxctlCommonOptions? Common = null)
    : ShellCommand(Text);

/// <summary><c>daxctl online-memory [--no-movable] DEV</c>.</summary>
public sealed record DaxctlOnlineCommand(string Text, bool NoMovable, string Device, DaxctlCommonOptions? Common = null) : ShellCommand(Text);

/// <summary><c>daxctl offline-memory DEV</c>.</summary>
public sealed record DaxctlOfflineCommand(string Text, string Device, DaxctlCommonOptions? Common = null) : ShellCommand(Text);

/// <summary><c>daxctl create-device [-s SIZE] [-a ALIGN]</c> (-1: not given) in every region the <c>-r</c> filter matches.</summary>
public sealed record DaxctlCreateCommand(string Text, long Size, long Align, DaxctlCommonOptions Common) : ShellCommand(Text);

/// <summary><c>daxctl destroy-device [-f] DEV</c>.</summary>
public sealed record DaxctlDestroyCommand(string Text, string Device, bool Force, DaxctlCommonOptions Common) : ShellCommand(Text);

/// <summary><c>daxctl enable-device DEV</c> or, with <paramref name="Disable"/>, <c>daxctl disable-device DEV</c>.</summary>
public sealed record DaxctlEnableCommand(string Text, string Device, bool Disable, DaxctlCommonOptions Common) : ShellCommand(Text);

/// <summary>A daxctl command that stops in option parsing: what it prints (usage, errors) and its exit status.</summary>
public sealed record DaxctlUsageCommand(string Text, string Output, int Status) : ShellCommand(Text);

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
