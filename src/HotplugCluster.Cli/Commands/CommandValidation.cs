using System.CommandLine.Parsing;
using HotplugCluster.Cli.Configuration;

namespace HotplugCluster.Cli.Commands;

/// <summary>Option validators shared by the verbs: a refused value is a parse error, which <see cref="Dispatch"/> reports with exit 2.</summary>
internal static class CommandValidation
{
    /// <summary>Refuses a negative count (0 keeps its documented meaning, such as one worker per core).</summary>
    public static void NotNegative(OptionResult result)
    {
        if (Number(result) is < 0 and var n)
        {
            result.AddError($"{result.Option.Name} must be 0 or more, found {n}");
        }
    }

    /// <summary>Refuses a count below 1.</summary>
    public static void Positive(OptionResult result)
    {
        if (Number(result) is < 1 and var n)
        {
            result.AddError($"{result.Option.Name} must be at least 1, found {n}");
        }
    }

    /// <summary>Refuses any value below 1 in a list of counts.</summary>
    public static void AllPositive(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (long.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                result.AddError($"{result.Option.Name} must be at least 1, found {n}");
            }
        }
    }

    /// <summary>Refuses a name outside <paramref name="known"/>, naming the nearest one and the list.</summary>
    public static Action<OptionResult> OneOf(IReadOnlyList<string> known) => result =>
    {
        foreach (var token in result.Tokens)
        {
            if (!known.Contains(token.Value))
            {
                var hint = EditDistance.Nearest(token.Value, known) is { } nearest ? $"did you mean {nearest}? " : "";
                result.AddError($"{result.Option.Name}: unknown name '{token.Value}' ({hint}known: {string.Join(", ", known)})");
            }
        }
    };

    private static long? Number(OptionResult result) =>
        result.Tokens.Count == 1 && long.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
