using System.CommandLine;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cli.Hosts;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Scenarios;

namespace HotplugCluster.Cli.Commands;

/// <summary><c>hotplug run SCENARIO [--set path=value ...]</c>: boots the scenario's host, runs its operations and prints what happened and the meminfo deltas.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("SCENARIO") { Description = "A scenario file: a host { ... } (inline or included) and operations = [ \"shell command\", ... ]." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON: --set host.kernel.memmap-on-memory=off (repeatable)." };
        var command = new Command("run", "Run a scenario on a simulated host and print each operation's output and the per-node meminfo deltas.");
        command.Arguments.Add(file);
        command.Options.Add(set);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                var path = parseResult.GetValue(file)!;
                var config = ConfigLoader.Load(path, parseResult.GetValue(set) ?? [], ConfigResolveOptions.Default);
                var scenario = ScenarioConfig.Read(config, path);
                var result = ScenarioRunner.Run(scenario, HostConsoleFactory.Boot(scenario.Host));
                output.Write(result.Render());
                return 0;
            }
            catch (HoconException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
