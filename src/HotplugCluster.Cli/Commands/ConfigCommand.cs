using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug config show [FILE] [--set path=value ...] [--json] [--origin]</c>: prints the resolved configuration.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "Inspect the HOCON configuration.");
        config.Subcommands.Add(CreateShow());
        return config;
    }

    private static Command CreateShow()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "A HOCON file layered over config/reference.conf (optional).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a setting, as HOCON: --set hotplug.actors.seed=7 (repeatable; later ones win).",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of the whole resolved tree." };
        var origin = new Option<bool>("--origin") { Description = "Show the file, line and column each value came from." };

        var show = new Command("show", "Print the resolved configuration: reference.conf, then FILE, then --set overrides.");
        show.Arguments.Add(file);
        show.Options.Add(set);
        show.Options.Add(json);
        show.Options.Add(origin);
        show.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                var resolved = ConfigLoader.Load(parseResult.GetValue(file), parseResult.GetValue(set) ?? [], ConfigResolveOptions.Default);
                var withOrigins = parseResult.GetValue(origin);
                output.Write(parseResult.GetValue(json) ? resolved.ToJson(withOrigins) : resolved.ToHocon(withOrigins));
                return 0;
            }
            catch (HoconException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return Dispatch.BadInput;
            }
        });
        return show;
    }
}
