using System.Text;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// ndctl's <c>parse_options()</c> (util/parse-options.c, from git and perf) for one daxctl command: short clusters
/// (<c>-fN</c>, <c>-dVALUE</c>), long options with <c>=VALUE</c> or the next word, unique abbreviations, <c>--no-NAME</c>
/// negation, <c>--</c>, options anywhere among the arguments, and its messages: <c>error()</c> prints
/// "  Error: …" (util/usage.c <c>report()</c>), then the usage text, and the command exits with 129.
/// </summary>
internal sealed class DaxctlOptionParser(string usage, IReadOnlyList<DaxctlOption> options)
{
    private const int OptsWidth = 24;
    private const int Gap = 2;

    public string Usage { get; } = usage;

    public IReadOnlyList<DaxctlOption> Options { get; } = options;

    /// <remarks>parse_options_step(), util/parse-options.c (ndctl v76).</remarks>
    public DaxctlArgs Parse(IReadOnlyList<string> argv)
    {
        var args = new DaxctlArgs();
        for (var i = 0; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                args.Positional.Add(arg);
                continue;
            }

            if (arg[1] != '-')
            {
                i = ParseShortCluster(argv, i, args);
                continue;
            }

            if (arg.Length == 2)
            {
                args.Positional.AddRange(argv.Skip(i + 1));
                break;
            }

            var name = arg[2..];
            if (name is "help" or "help-all")
            {
                throw new DaxctlUsageException(UsageText(), 129);
            }

            if (name == "list-opts")
            {
                throw new DaxctlUsageException(string.Concat(Options.Select(o => $"--{o.Long} ")), 130);
            }

            i = ParseLong(argv, i, name, args);
        }

        return args;
    }

    /// <summary>usage_with_options(): the usage line, every option's help, exit 129; <paramref name="before"/> goes first.</summary>
    public DaxctlUsageException Fail(string before) => new(before + UsageText(), 129);

    /// <summary>error() as ndctl's util/usage.c prints it: one space, then " Error: ", then the message.</summary>
    public static string Error(string message) => $"  Error: {message}\n";

    private int ParseShortCluster(IReadOnlyList<string> argv, int i, DaxctlArgs args)
    {
        var arg = argv[i];
        for (var at = 1; at < arg.Length; at++)
        {
            var c = arg[at];
            if (c == 'h')
            {
                throw new DaxctlUsageException(UsageText(), 129);
            }

            var opt = Options.FirstOrDefault(o => o.Short == c)
                ?? throw Fail(Error($"unknown switch `{c}'"));
            if (!opt.TakesValue)
            {
                args.Set(opt.Long, "1");
                if (at == 1 && arg.Length > 2)
                {
                    CheckTypos(arg[1..]);
                }

                continue;
            }

            // get_arg(): the rest of the cluster, else the next word.
            if (at + 1 < arg.Length)
            {
                args.Set(opt.Long, arg[(at + 1)..]);
                return i;
            }

            if (i + 1 < argv.Count)
            {
                args.Set(opt.Long, argv[i + 1]);
                return i + 1;
            }

            throw OptionError(opt, $"switch `{c}' requires a value");
        }

        return i;
    }

    /// <summary>check_typos(): <c>-dev</c> style words that meant a long option.</summary>
    private void CheckTypos(string word)
    {
        if (word.Length < 3)
        {
            return;
        }

        if (word.StartsWith("no-", StringComparison.Ordinal) || Options.Any(o => o.Long.StartsWith(word, StringComparison.Ordinal)))
        {
            throw new DaxctlUsageException(Error($"did you mean `--{word}` (with two dashes ?)"), 129);
        }
    }

    /// <remarks>parse_long_opt(), util/parse-options.c: exact, negated and abbreviated matches; two abbreviations are ambiguous.</remarks>
    private int ParseLong(IReadOnlyList<string> argv, int i, string arg, DaxctlArgs args)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? arg : arg[..eq];
        DaxctlOption? abbrev = null, ambiguous = null;
        bool abbrevUnset = false, ambiguousUnset = false;
        string? abbrevValue = null;
        foreach (var opt in Options)
        {
            var unset = false;
            string? rest = Rest(arg, opt.Long);
            var abbreviated = false;
            if (rest is null)
            {
                if (opt.Long.StartsWith("no-", StringComparison.Ordinal))
                {
                    rest = Rest(arg, opt.Long[3..]);
                    unset = true;
                    abbreviated = rest is null && opt.Long[3..].StartsWith(arg, StringComparison.Ordinal);
                }

                if (rest is null && !abbreviated)
                {
                    unset = false;
                    if (opt.Long.StartsWith(key, StringComparison.Ordinal))
                    {
                        abbreviated = true;
                    }
                    else if ("no-".StartsWith(arg, StringComparison.Ordinal))
                    {
                        (unset, abbreviated) = (true, true);
                    }
                    else if (arg.StartsWith("no-", StringComparison.Ordinal))
                    {
                        unset = true;
                        rest = Rest(arg[3..], opt.Long);
                        abbreviated = rest is null && opt.Long.StartsWith(arg[3..], StringComparison.Ordinal);
                        if (rest is null && !abbreviated)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        continue;
                    }
                }
            }

            if (abbreviated)
            {
                if (abbrev is not null)
                {
                    (ambiguous, ambiguousUnset) = (abbrev, abbrevUnset);
                }

                abbrevValue = !unset && eq >= 0 ? arg[(eq + 1)..] : null;
                (abbrev, abbrevUnset) = (opt, unset);
                continue;
            }

            if (rest!.Length > 0 && rest[0] != '=')
            {
                continue;
            }

            return GetValue(argv, i, opt, unset, rest.Length > 0 ? rest[1..] : null, args);
        }

        if (ambiguous is not null)
        {
            throw OptionUsage(Error($"Ambiguous option: {arg} (could be --{(ambiguousUnset ? "no-" : string.Empty)}{ambiguous.Long} or --{(abbrevUnset ? "no-" : string.Empty)}{abbrev!.Long})"), arg);
        }

        return abbrev is not null
            ? GetValue(argv, i, abbrev, abbrevUnset, abbrevValue, args)
            : throw Fail(Error($"unknown option `{arg}'"));
    }

    /// <remarks>get_value() / get_arg() / opterror(), util/parse-options.c.</remarks>
    private int GetValue(IReadOnlyList<string> argv, int i, DaxctlOption opt, bool unset, string? inline, DaxctlArgs args)
    {
        var name = unset ? $"no-{opt.Long}" : opt.Long;
        if (inline is not null && (unset || !opt.TakesValue))
        {
            throw OptionError(opt, $"option `{name}' takes no value");
        }

        if (unset || !opt.TakesValue)
        {
            args.Set(opt.Long, unset ? null : "1");
            return i;
        }

        if (inline is not null)
        {
            args.Set(opt.Long, inline);
            return i;
        }

        if (i + 1 < argv.Count)
        {
            args.Set(opt.Long, argv[i + 1]);
            return i + 1;
        }

        throw OptionError(opt, $"option `{name}' requires a value");
    }

    private static string? Rest(string arg, string prefix) =>
        arg.StartsWith(prefix, StringComparison.Ordinal) ? arg[prefix.Length..] : null;

    /// <summary>parse_options_usage(): the error, the usage line and the help of the one option concerned; exit 129.</summary>
    private DaxctlUsageException OptionError(DaxctlOption opt, string message) =>
        new(Error(message) + $"\n usage: {Usage}\n\n" + HelpLine(opt), 129);

    private DaxctlUsageException OptionUsage(string error, string optstr)
    {
        var opt = Options.FirstOrDefault(o => optstr.StartsWith(o.Long, StringComparison.Ordinal)
            || (optstr.StartsWith("no-", StringComparison.Ordinal) && optstr[3..].StartsWith(o.Long, StringComparison.Ordinal)));
        return new(error + $"\n usage: {Usage}\n\n" + (opt is null ? string.Empty : HelpLine(opt)), 129);
    }

    /// <remarks>usage_with_options_internal(), util/parse-options.c.</remarks>
    private string UsageText()
    {
        var sb = new StringBuilder().Append("\n usage: ").Append(Usage).Append("\n\n");
        foreach (var opt in Options)
        {
            sb.Append(HelpLine(opt));
        }

        return sb.Append('\n').ToString();
    }

    /// <remarks>print_option_help(), util/parse-options.c: the switches padded to 24 columns, then two spaces and the help.</remarks>
    private static string HelpLine(DaxctlOption opt)
    {
        var sb = new StringBuilder("    ");
        sb.Append(opt.Short != '\0' ? $"-{opt.Short}" : "    ");
        if (opt.Short != '\0')
        {
            sb.Append(", ");
        }

        sb.Append("--").Append(opt.Long);
        if (opt.TakesValue)
        {
            sb.Append(" <").Append(opt.ArgHelp).Append('>');
        }

        var pad = OptsWidth - sb.Length;
        if (pad < 0)
        {
            sb.Append('\n');
            pad = OptsWidth;
        }

        return sb.Append(' ', pad + Gap).Append(opt.Help).Append('\n').ToString();
    }
}
