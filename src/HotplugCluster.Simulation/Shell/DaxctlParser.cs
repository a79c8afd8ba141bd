namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// Parses the daxctl verbs the shell implements with daxctl's own option handling (daxctl/list.c <c>cmd_list()</c>,
/// daxctl/device.c <c>parse_device_options()</c>): what daxctl refuses before reading sysfs becomes a
/// <see cref="DaxctlUsageCommand"/> that prints daxctl's messages and exits as daxctl does.
/// </summary>
internal static class DaxctlParser
{
    public static ShellCommand Parse(string text, List<string> words)
    {
        var verb = words.ElementAtOrDefault(1);
        var argv = words.Skip(2).ToList();
        try
        {
            return verb switch
            {
                "list" => List(text, argv),
                "reconfigure-device" => Reconfigure(text, argv),
                "online-memory" => Device(text, argv, DaxctlOptionTables.OnlineMemory, "online memory for", (a, dev, common) =>
                    new DaxctlOnlineCommand(text, a.Flag("no-movable"), dev, common)),
                "offline-memory" => Device(text, argv, DaxctlOptionTables.OfflineMemory, "offline memory for", (_, dev, common) =>
                    new DaxctlOfflineCommand(text, dev, common)),
                "destroy-device" => Device(text, argv, DaxctlOptionTables.DestroyDevice, "destroy", (a, dev, common) =>
                    new DaxctlDestroyCommand(text, dev, a.Flag("force"), common)),
                "disable-device" => Device(text, argv, DaxctlOptionTables.DisableDevice, "disable", (_, dev, common) =>
                    new DaxctlEnableCommand(text, dev, true, common)),

                // cmd_enable_device() parses with ACTION_DISABLE, so its missing-device message says "disable".
                "enable-device" => Device(text, argv, DaxctlOptionTables.EnableDevice, "disable", (_, dev, common) =>
                    new DaxctlEnableCommand(text, dev, false, common)),
                "create-device" => Create(text, argv),
                _ => throw new FormatException(
                    "daxctl: expected list, reconfigure-device, online-memory, offline-memory, create-device, destroy-device, enable-device or disable-device"),
            };
        }
        catch (DaxctlUsageException e)
        {
            return new DaxctlUsageCommand(text, e.Output, e.Status);
        }
    }

    /// <remarks>daxctl/list.c <c>cmd_list()</c>: leftover words are "unknown parameter"; no class flag means devices, or the filters' classes.</remarks>
    private static DaxctlListCommand List(string text, List<string> argv)
    {
        var parser = DaxctlOptionTables.List;
        var a = parser.Parse(argv);
        if (a.Positional.Count > 0)
        {
            throw parser.Fail(string.Concat(a.Positional.Select(p => DaxctlOptionParser.Error($"unknown parameter \"{p}\"\n"))));
        }

        var (devices, regions) = (a.Flag("devices"), a.Flag("regions"));
        if (!devices && !regions)
        {
            (regions, devices) = (a.Value("region") is not null, a.Value("dev") is not null);
        }

        devices |= !devices && !regions;
        return new DaxctlListCommand(text, a.Value("dev"), a.Flag("idle"), a.Value("region"), devices, regions, a.Flag("mappings"), a.Flag("human"));
    }

    /// <remarks>daxctl/device.c <c>parse_device_options()</c>, ACTION_RECONFIG.</remarks>
    private static ShellCommand Reconfigure(string text, List<string> argv) =>
        Device(text, argv, DaxctlOptionTables.ReconfigureDevice, "reconfigure", (a, dev, common) =>
        {
            var (mode, size, align) = (a.Value("mode"), a.Value("size"), a.Value("align"));
            if (mode is null && size is null && align is null)
            {
                throw DaxctlOptionTables.ReconfigureDevice.Fail("error: a 'align', 'mode' or 'size' option is required\n");
            }

            if (size is null && align is null && mode == "devdax" && a.Flag("no-online"))
            {
                throw DaxctlOptionTables.ReconfigureDevice.Fail("--no-online is incompatible with --mode=devdax\n");
            }

            // A size or an align makes the mode irrelevant (do_reconfig() resizes and returns).
            var parsedMode = size is null && align is null ? mode : null;
            return new DaxctlReconfigureCommand(text, parsedMode, a.Flag("no-online"), a.Flag("force"), a.Flag("no-movable"), dev,
                size is null ? -1 : DaxctlSize.Parse(size), align is null ? -1 : DaxctlSize.Parse(align), common);
        });

    /// <remarks>daxctl/device.c <c>parse_device_options()</c>, ACTION_CREATE: no device word is needed; extra words after the first are refused.</remarks>
    private static DaxctlCreateCommand Create(string text, List<string> argv)
    {
        var parser = DaxctlOptionTables.CreateDevice;
        var a = parser.Parse(argv);
        if (a.Positional.Count > 1)
        {
            throw parser.Fail(string.Concat(a.Positional.Skip(1).Select(p => $"unknown extra parameter \"{p}\"\n")));
        }

        if (a.Value("input") is not null)
        {
            throw new FormatException("daxctl create-device: --input reads a file of the machine, which the simulated daxctl does not do; give --size and --align");
        }

        return new DaxctlCreateCommand(text, a.Value("size") is { } s ? DaxctlSize.Parse(s) : -1, a.Value("align") is { } al ? DaxctlSize.Parse(al) : -1, Common(a));
    }

    /// <summary>The device verbs' shared checks: one device word ("specify a device to …, or \"all\""), nothing after it.</summary>
    private static ShellCommand Device(string text, List<string> argv, DaxctlOptionParser parser, string action, Func<DaxctlArgs, string, DaxctlCommonOptions, ShellCommand> make)
    {
        var a = parser.Parse(argv);
        var complaints = a.Positional.Count == 0 ? $"specify a device to {action}, or \"all\"\n" : string.Empty;
        complaints += string.Concat(a.Positional.Skip(1).Select(p => $"unknown extra parameter \"{p}\"\n"));
        if (complaints.Length > 0)
        {
            throw parser.Fail(complaints);
        }

        return make(a, a.Positional[0], Common(a));
    }

    private static DaxctlCommonOptions Common(DaxctlArgs a) => new(a.Value("region"), a.Flag("human"), a.Flag("verbose"));
}
