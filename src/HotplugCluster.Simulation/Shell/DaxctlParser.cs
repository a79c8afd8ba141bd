namespace HotplugCluster.Simulation.Shell;

/// <summary>Parses the daxctl verbs the shell implements, with daxctl's option names (daxctl/device.c, daxctl/list.c).</summary>
internal static class DaxctlParser
{
    public static ShellCommand Parse(string text, List<string> words)
    {
        var verb = words.ElementAtOrDefault(1);
        var opts = new Options(ExpandShortFlags(words), 2);
        switch (verb)
        {
            case "list":
                var device = opts.Value("-d", "--dev");
                var idle = opts.Flag("-i", "--idle");
                opts.NoPositional();
                return new DaxctlListCommand(text, device, idle);
            case "reconfigure-device":
                var mode = opts.Value("-m", "--mode") ?? throw new FormatException("daxctl reconfigure-device: error: a 'mode' or 'size' option is required");
                var noOnline = opts.Flag("-N", "--no-online");
                var force = opts.Flag("-f", "--force");
                var noMovable = opts.Flag("--no-movable");
                var dev = opts.Single("device");
                if (mode is not ("system-ram" or "devdax"))
                {
                    throw new FormatException($"daxctl reconfigure-device: unknown mode '{mode}' (system-ram or devdax)");
                }

                if (mode == "devdax" && noOnline)
                {
                    throw new FormatException("daxctl reconfigure-device: --no-online is incompatible with --mode=devdax");
                }

                return new DaxctlReconfigureCommand(text, mode, noOnline, force, noMovable, dev);
            case "online-memory":
                var nm = opts.Flag("--no-movable");
                return new DaxctlOnlineCommand(text, nm, opts.Single("device"));
            case "offline-memory":
                return new DaxctlOfflineCommand(text, opts.Single("device"));
            default:
                throw new FormatException("daxctl: expected list, reconfigure-device, online-memory or offline-memory");
        }
    }

    /// <summary><c>-fN</c> → <c>-f -N</c>, as parse-options does for short boolean flags.</summary>
    private static List<string> ExpandShortFlags(List<string> words) =>
        [.. words.SelectMany(w => w.Length > 2 && w[0] == '-' && w[1] != '-' && w.Skip(1).All(c => c is 'f' or 'N' or 'i')
            ? w.Skip(1).Select(c => $"-{c}")
            : [w])];
}
