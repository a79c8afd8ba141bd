using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary>The <c>--host FILE</c> and <c>--set path=value</c> options of the commands that boot one host (mount, exec).</summary>
internal sealed class HostOptions
{
    public Option<string> Host { get; } = new("--host") { Description = "A HOCON file with a host { ... } block (see config/hosts).", Required = true };

    public Option<string[]> Set { get; } = new("--set") { Description = "Override a setting, as HOCON: --set host.kernel.memmap-on-memory=on (repeatable)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Host);
        command.Options.Add(Set);
    }

    /// <summary>The host file over reference.conf with the overrides, resolved.</summary>
    public Config Load(ParseResult parse) => ConfigLoader.Load(parse.GetValue(Host), parse.GetValue(Set) ?? [], ConfigResolveOptions.Default);

    /// <summary>The one-line errors of these commands: bad configuration, a mount or namespace that cannot be made, I/O and the journal.</summary>
    public static bool IsUserError(Exception e) => e is HoconException or HotplugCluster.Mount.MountException or IOException or HotplugCluster.Persistence.Journal.JournalException;
}
