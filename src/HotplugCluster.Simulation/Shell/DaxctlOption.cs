namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// One entry of a daxctl option table (ndctl util/parse-options.h <c>OPT_BOOLEAN</c> / <c>OPT_STRING</c>):
/// <paramref name="Short"/> is <c>'\0'</c> when the option has no short form, <paramref name="ArgHelp"/> names a
/// string option's value in the usage text.
/// </summary>
internal sealed record DaxctlOption(char Short, string Long, bool TakesValue, string? ArgHelp, string Help)
{
    public static DaxctlOption Boolean(char shortName, string longName, string help) => new(shortName, longName, false, null, help);

    public static DaxctlOption String(char shortName, string longName, string argHelp, string help) => new(shortName, longName, true, argHelp, help);
}
