namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// The option tables of the daxctl verbs the shell runs, in daxctl's order (daxctl/list.c <c>cmd_list()</c>;
/// daxctl/device.c <c>BASE_OPTIONS</c>, <c>CREATE_OPTIONS</c>, <c>RECONFIG_OPTIONS</c>, <c>DESTROY_OPTIONS</c>,
/// <c>ZONE_OPTIONS</c>; ndctl v76). The help strings are printed by the usage text.
/// </summary>
internal static class DaxctlOptionTables
{
    private static readonly DaxctlOption[] Base =
    [
        DaxctlOption.String('r', "region", "region-id", "filter by region"),
        DaxctlOption.Boolean('u', "human", "use human friendly number formats"),
        DaxctlOption.Boolean('v', "verbose", "emit more debug messages"),
    ];

    private static readonly DaxctlOption[] Create =
    [
        DaxctlOption.String('s', "size", "size", "size to switch the device to"),
        DaxctlOption.String('a', "align", "align", "alignment to switch the device to"),
        DaxctlOption.String('\0', "input", "input", "input device JSON file"),
    ];

    private static readonly DaxctlOption[] Reconfig =
    [
        DaxctlOption.String('m', "mode", "mode", "mode to switch the device to"),
        DaxctlOption.Boolean('N', "no-online", "don't auto-online memory sections"),
        DaxctlOption.Boolean('f', "force", "attempt to offline memory sections before reconfiguration"),
    ];

    private static readonly DaxctlOption[] Zone = [DaxctlOption.Boolean('\0', "no-movable", "online memory in ZONE_NORMAL")];

    public static readonly DaxctlOptionParser List = new("daxctl list [<options>]",
    [
        DaxctlOption.String('r', "region", "region-id", "filter by region"),
        DaxctlOption.String('d', "dev", "dev-id", "filter by dax device instance name"),
        DaxctlOption.Boolean('D', "devices", "include dax device info"),
        DaxctlOption.Boolean('R', "regions", "include dax region info"),
        DaxctlOption.Boolean('M', "mappings", "include dax mappings info"),
        DaxctlOption.Boolean('i', "idle", "include idle devices"),
        DaxctlOption.Boolean('u', "human", "use human friendly number formats "),
    ]);

    public static readonly DaxctlOptionParser ReconfigureDevice = new("daxctl reconfigure-device <device> [<options>]", [.. Base, .. Create, .. Reconfig, .. Zone]);

    public static readonly DaxctlOptionParser CreateDevice = new("daxctl create-device [<options>]", [.. Base, .. Create, .. Reconfig, .. Zone]);

    public static readonly DaxctlOptionParser OnlineMemory = new("daxctl online-memory <device> [<options>]", [.. Base, .. Zone]);

    public static readonly DaxctlOptionParser OfflineMemory = new("daxctl offline-memory <device> [<options>]", Base);

    public static readonly DaxctlOptionParser DisableDevice = new("daxctl disable-device <device>", Base);

    public static readonly DaxctlOptionParser EnableDevice = new("daxctl enable-device <device>", Base);

    public static readonly DaxctlOptionParser DestroyDevice = new("daxctl destroy-device <device> [<options>]",
        [.. Base, DaxctlOption.Boolean('f', "force", "attempt to disable before destroying device")]);
}
