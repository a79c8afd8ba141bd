using System.Globalization;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Simulation.Shell;

/// <summary>Parses one line of the shell language into a <see cref="ShellCommand"/>; bad syntax is a <see cref="FormatException"/>.</summary>
public static class ShellParser
{
    /// <summary>The verbs the shell knows, for help text and errors.</summary>
    public const string Usage =
        "cat PATH... | echo [-n] VALUE > PATH | ls PATH | dmesg [-c] | daxctl list|reconfigure-device|online-memory|offline-memory | "
        + "dimm add SIZE [--node N] | dimm eject NAME | workload alloc|pin|free|unpin --node N --pages P [--kind K] [--zone Z] | "
        + "cxl insert|remove|surprise-remove MEMDEV | signal LANE";

    /// <summary>The command on <paramref name="line"/>, or null for a blank line or a comment.</summary>
    public static ShellCommand? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = ShellTokenizer.Split(line);
        if (words.Count == 0)
        {
            return null;
        }

        var text = line.Trim();
        return words[0] switch
        {
            "cat" => Cat(text, words),
            "echo" => Echo(text, words),
            "ls" => Ls(text, words),
            "dmesg" => Dmesg(text, words),
            "daxctl" => DaxctlParser.Parse(text, Plain(words)),
            "dimm" => Dimm(text, Plain(words)),
            "workload" => Workload(text, Plain(words)),
            "cxl" => Cxl(text, Plain(words)),
            "signal" => Signal(text, Plain(words)),
            _ => throw new FormatException($"{Word(words[0])}: command not found (the shell understands: {Usage})"),
        };
    }

    private static CatCommand Cat(string text, List<string> words)
    {
        var paths = Plain(words).Skip(1).ToList();
        return paths.Count > 0 ? new CatCommand(text, paths) : throw new FormatException("cat: expected a PATH");
    }

    private static EchoCommand Echo(string text, List<string> words)
    {
        var redirect = words.IndexOf(">");
        if (redirect < 0 || redirect != words.Count - 2 || words.LastIndexOf(">") != redirect)
        {
            throw new FormatException("echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)");
        }

        var args = words.Skip(1).Take(redirect - 1).Select(Word).ToList();
        var noNewline = args.Count > 0 && args[0] == "-n";
        if (noNewline)
        {
            args.RemoveAt(0);
        }

        return new EchoCommand(text, string.Join(' ', args), noNewline, Word(words[^1]));
    }

    private static LsCommand Ls(string text, List<string> words)
    {
        var args = Plain(words).Skip(1).ToList();
        return args.Count == 1 ? new LsCommand(text, args[0]) : throw new FormatException("ls: expected exactly one PATH");
    }

    private static DmesgCommand Dmesg(string text, List<string> words)
    {
        var args = Plain(words).Skip(1).ToList();
        return args.Count switch
        {
            0 => new DmesgCommand(text, false),
            1 when args[0] == "-c" => new DmesgCommand(text, true),
            _ => throw new FormatException("dmesg: expected `dmesg` or `dmesg -c`"),
        };
    }

    private static ShellCommand Dimm(string text, List<string> words)
    {
        var opts = new Options(words, 2);
        switch (words.ElementAtOrDefault(1))
        {
            case "add":
                var node = opts.Int("--node") ?? 0;
                var size = opts.Single("SIZE");
                return new DimmAddCommand(text, ParseSize(size), node);
            case "eject":
                return new DimmEjectCommand(text, opts.Single("NAME"));
            default:
                throw new FormatException("dimm: expected `dimm add SIZE [--node N]` or `dimm eject NAME`");
        }
    }

    private static ShellCommand Cxl(string text, List<string> words)
    {
        var verb = words.ElementAtOrDefault(1);
        if (verb is not ("insert" or "remove" or "surprise-remove") || words.Count != 3)
        {
            throw new FormatException("cxl: expected `cxl insert MEMDEV`, `cxl remove MEMDEV` or `cxl surprise-remove MEMDEV`");
        }

        var memdev = words[2];
        if (!memdev.StartsWith('-') && memdev.Length > 0)
        {
            return verb == "insert" ? new CxlInsertCommand(text, memdev) : new CxlRemoveCommand(text, memdev, verb == "surprise-remove");
        }

        throw new FormatException($"cxl {verb}: expected a memdev name (e.g. mem0), found '{memdev}'");
    }

    private static SignalCommand Signal(string text, List<string> words) =>
        words.Count == 2 && !words[1].StartsWith('-')
            ? new SignalCommand(text, words[1])
            : throw new FormatException("signal: expected `signal LANE` (the name of another lane)");

    private static ShellCommand Workload(string text, List<string> words)
    {
        var verb = words.ElementAtOrDefault(1);
        if (verb is not ("alloc" or "pin" or "free" or "unpin"))
        {
            throw new FormatException("workload: expected alloc, pin, free or unpin");
        }

        var opts = new Options(words, 2);
        var node = opts.Int("--node") ?? throw new FormatException($"workload {verb}: --node N is required");
        var pages = opts.Long("--pages") ?? throw new FormatException($"workload {verb}: --pages P is required");
        var kindText = opts.Value("--kind");
        var zoneText = opts.Value("--zone");
        opts.NoPositional();
        if (pages <= 0)
        {
            throw new FormatException($"workload {verb}: --pages must be positive, found {pages}");
        }

        var kind = verb is "pin" or "unpin"
            ? (kindText is null ? PageKind.Pinned : throw new FormatException($"workload {verb}: --kind does not apply (the pages are pinned)"))
            : kindText switch
            {
                null or "movable" => PageKind.Movable,
                "unmovable" => PageKind.Unmovable,
                "pinned" => PageKind.Pinned,
                _ => throw new FormatException($"workload {verb}: --kind is movable, unmovable or pinned, found '{kindText}'"),
            };
        if (verb is "free" or "unpin")
        {
            return zoneText is null
                ? new WorkloadFreeCommand(text, node, kind, new PageCount((ulong)pages))
                : throw new FormatException($"workload {verb}: --zone does not apply");
        }

        ZoneType? zone = zoneText switch
        {
            null => null,
            "DMA32" => ZoneType.Dma32,
            "Normal" => ZoneType.Normal,
            "Movable" => ZoneType.Movable,
            _ => throw new FormatException($"workload {verb}: --zone is DMA32, Normal or Movable, found '{zoneText}'"),
        };
        return new WorkloadAllocCommand(text, node, kind, new PageCount((ulong)pages), zone);
    }

    /// <summary>A size as QEMU's <c>-device pc-dimm,size=</c> takes it: bytes, or K/M/G/T with an optional iB/B (powers of 1024).</summary>
    internal static ByteSize ParseSize(string text)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..];
        ulong factor = unit switch
        {
            "" or "B" => 1,
            "K" or "KiB" or "KB" => 1UL << 10,
            "M" or "MiB" or "MB" => 1UL << 20,
            "G" or "GiB" or "GB" => 1UL << 30,
            "T" or "TiB" or "TB" => 1UL << 40,
            _ => 0,
        };
        if (digits == 0 || factor == 0 || !ulong.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new FormatException($"'{text}' is not a size (e.g. 1G, 512MiB, 268435456)");
        }

        try
        {
            return new ByteSize(checked(n * factor));
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' does not fit in 64 bits");
        }
    }

    /// <summary>The words with quoted '&gt;' marks removed; an unquoted '&gt;' outside echo is an error.</summary>
    internal static List<string> Plain(List<string> words) =>
        [.. words.Select(w => w == ">" ? throw new FormatException($"{Word(words[0])}: redirection is only supported for echo") : Word(w))];

    private static string Word(string w) => w.StartsWith('\0') ? w[1..] : w;
}
