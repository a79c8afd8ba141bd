using System.CommandLine;

namespace HotplugCluster.Cli;

/// <summary>
/// Parses and runs one command line with the project's exit codes: 0 success, 1 failure, 2 bad input. Bad input is what
/// the user must correct: a parse error (unknown option, bad number, value outside an option's choices, a validator's
/// refusal), a configuration file or <c>--set</c> that is missing or wrong, a path that names nothing or the wrong kind
/// of thing, a run the journal does not hold. Failure is a command that ran and could not do its work (a journal
/// damaged or out of reach, an I/O error, a violation found). Each problem is one <c>error:</c> line, never a stack
/// trace: the verbs catch what they expect and map it with <see cref="ExitCodeOf"/>; this is the last resort for what
/// they did not.
/// </summary>
public static class Dispatch
{
    /// <summary>Exit code of a command line or input the user must correct.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code of a command that failed.</summary>
    public const int Failure = 1;

    /// <summary>Runs <paramref name="args"/> on <paramref name="root"/>, writing to <paramref name="configuration"/>'s writers.</summary>
    public static int Invoke(RootCommand root, string[] args, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(configuration);
        var error = configuration.Error;
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // A validator that read a value the parser could not convert: the value is the user's mistake.
            error.WriteLine($"error: {FirstLine(e.Message)}");
            return BadInput;
        }

        var help = args.Any(a => a is "-h" or "--help" or "-?" or "/?" or "--version");
        if (parse.Errors.Count > 0 && !help)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"error: {problem.Message}");
            }

            error.WriteLine($"(hotplug {string.Join(' ', CommandPath(parse))} --help lists the arguments)");
            return BadInput;
        }

        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = e.InnerException is { } inner && e is System.Reflection.TargetInvocationException or AggregateException ? inner : e;
            var code = ExitCodeOf(cause);
            error.WriteLine(code == BadInput ? $"error: {FirstLine(cause.Message)}" : $"error: {FirstLine(cause.Message)} ({cause.GetType().Name})");
            return code;
        }
    }

    /// <summary>The exit code of an error a command reports as one line: <see cref="BadInput"/> for the user's input, else <see cref="Failure"/>.</summary>
    public static int ExitCodeOf(Exception e) => e is Hocon.HoconException or Commands.BadInputException or Commands.OutputFileException
        or Commands.RunNotFoundException or FileNotFoundException or DirectoryNotFoundException
        ? BadInput
        : Failure;

    private static List<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
