using System.Security.Cryptography;
using System.Text;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Scenarios;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Exploration.Scenarios;

/// <summary>
/// Reads a stress scenario: <c>host { … }</c> as for <c>hotplug run</c>, optional <c>operations</c> (setup, in
/// order), <c>lanes = [ { name = …, run = [ "shell command", … ] }, … ]</c>, optional <c>faults = [ site, … ]</c>
/// (kebab-case <see cref="FaultSite"/> names) and <c>expect = [ { path = …, equals = … | one-of = [ … ] | contains = … } ]</c>.
/// Every error names FILE:LINE:COL before anything boots: an unknown verb, a command a lane cannot run, a path the
/// host never serves, an unknown fault site or bug (through <see cref="HostConfig"/>).
/// </summary>
public static class StressScenarioConfig
{
    private static readonly string[] IdentityKeys = ["host", "hotplug.host", ScenarioConfig.OperationsKey, "lanes", "faults", "expect"];
    // The scenario file's own keys (documented in docs/exploration.md); like ScenarioConfig's, they are a file schema, not
    // reference.conf settings with defaults.
    private const string LanesKey = "lanes";
    private const string LaneNameKey = "name";
    private const string LaneRunKey = "run";
    private const string FaultsKey = "faults";
    private const string ExpectKey = "expect";
    private const string ExpectPathKey = "path";
    private const string ExpectOneOfKey = "one-of";

    private static readonly string[] ExpectationKinds = ["equals", "one-of", "contains"];

    /// <summary>Reads <paramref name="root"/> (resolved, reference.conf as fallback) as a stress scenario named <paramref name="source"/>.</summary>
    public static StressScenario Read(Config root, string source)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.HasPath(LanesKey))
        {
            throw new HoconException(new ConfigOrigin(source, 1, 1), "lanes: missing setting: a stress scenario lists its concurrent lanes in lanes = [ { name = ..., run = [ \"...\" ] }, ... ]");
        }

        var setup = root.HasPath(ScenarioConfig.OperationsKey) ? Commands(root, ScenarioConfig.OperationsKey, lane: false) : [];
        var lanes = new List<Lane>();
        var laneConfigs = root.GetConfigList(LanesKey);
        var laneValues = root.GetList(LanesKey);
        for (var i = 0; i < laneConfigs.Count; i++)
        {
            var lane = laneConfigs[i];
            var name = lane.HasPath(LaneNameKey) ? lane.GetString(LaneNameKey) : $"lane{i}";
            if (!lane.HasPath(LaneRunKey))
            {
                throw new HoconException(laneValues[i].Origin, $"lanes[{i}]: missing setting run = [ \"shell command\", ... ]");
            }

            if (lanes.Exists(l => l.Name == name))
            {
                throw new HoconException(laneValues[i].Origin, $"lanes[{i}]: lane name '{name}' is used twice");
            }

            lanes.Add(new Lane(name, Commands(lane, LaneRunKey, lane: true, $"lanes[{i}].run")));
        }

        if (lanes.Count == 0)
        {
            throw new HoconException(root.GetOrigin(LanesKey), "lanes: a stress scenario needs at least one lane");
        }

        var faults = Faults(root);
        var expectations = Expectations(root);
        var host = HostConfig.Read(root);
        CheckTargets(setup, lanes, host.CxlDevices.Select(d => d.Name).ToList());
        var description = root.HasPath(ScenarioConfig.DescriptionKey) ? root.GetString(ScenarioConfig.DescriptionKey) : null;
        return new StressScenario(source, description, host, setup, lanes, faults, expectations, Identity(root));
    }

    private static List<ScenarioOperation> Commands(Config config, string key, bool lane, string? label = null)
    {
        label ??= key;
        var values = config.GetList(key);
        var texts = config.GetStringList(key);
        var commands = new List<ScenarioOperation>();
        for (var i = 0; i < texts.Count; i++)
        {
            ShellCommand? command;
            try
            {
                command = ShellParser.Parse(texts[i]);
            }
            catch (FormatException e)
            {
                throw new HoconException(values[i].Origin, $"{label}[{i}]: {e.Message}");
            }

            if (command is null)
            {
                continue;
            }

            if (!lane && command is SignalCommand)
            {
                throw new HoconException(values[i].Origin,
                    $"{label}[{i}]: '{command.Text}': signal reaches another lane's operation; the setup runs before any lane (put it in a lane)");
            }

            foreach (var path in Paths(command))
            {
                if (!LanePaths.IsKnown(path))
                {
                    throw new HoconException(values[i].Origin, $"{label}[{i}]: unknown path {path}: the simulated host serves no such file");
                }
            }

            commands.Add(new ScenarioOperation(command, values[i].Origin));
        }

        return commands;
    }

    /// <summary>A CXL verb names a memdev the host declares; a signal names another lane of this scenario.</summary>
    private static void CheckTargets(List<ScenarioOperation> setup, List<Lane> lanes, List<string> memdevs)
    {
        foreach (var (owner, op) in setup.Select(o => ((Lane?)null, o)).Concat(lanes.SelectMany(l => l.Commands.Select(o => ((Lane?)l, o)))))
        {
            switch (op.Command)
            {
                case CxlInsertCommand c when !memdevs.Contains(c.Memdev):
                    throw new HoconException(op.Origin, $"'{c.Text}': no CXL device {c.Memdev} in host.cxl-devices (declared: {Declared(memdevs)})");
                case CxlRemoveCommand c when !memdevs.Contains(c.Memdev):
                    throw new HoconException(op.Origin, $"'{c.Text}': no CXL device {c.Memdev} in host.cxl-devices (declared: {Declared(memdevs)})");
                case SignalCommand c when !lanes.Exists(l => l.Name == c.Lane) || owner?.Name == c.Lane:
                    throw new HoconException(op.Origin,
                        $"'{c.Text}': {(owner?.Name == c.Lane ? "a lane cannot signal itself" : $"no lane named {c.Lane}")} (lanes: {string.Join(", ", lanes.Select(l => l.Name))})");
            }
        }
    }

    private static string Declared(List<string> memdevs) => memdevs.Count == 0 ? "none" : string.Join(", ", memdevs);

    private static IEnumerable<string> Paths(ShellCommand command) => command switch
    {
        CatCommand c => c.Paths,
        EchoCommand c => [c.Path],
        LsCommand c => [c.Path],
        _ => [],
    };

    private static FaultSite Faults(Config root)
    {
        if (!root.HasPath(FaultsKey))
        {
            return FaultSite.None;
        }

        var names = KebabCase.Members(FaultSite.None);
        var values = root.GetList(FaultsKey);
        var texts = root.GetStringList(FaultsKey);
        var sites = FaultSite.None;
        for (var i = 0; i < texts.Count; i++)
        {
            var match = names.FirstOrDefault(n => n.Name == texts[i]);
            if (match.Name is null)
            {
                throw new HoconException(values[i].Origin,
                    $"faults[{i}]: unknown fault site '{texts[i]}' (known: {string.Join(", ", names.Select(n => n.Name))})");
            }

            sites |= match.Value;
        }

        return sites;
    }

    private static List<Expectation> Expectations(Config root)
    {
        var result = new List<Expectation>();
        if (!root.HasPath(ExpectKey))
        {
            return result;
        }

        var configs = root.GetConfigList(ExpectKey);
        var values = root.GetList(ExpectKey);
        for (var i = 0; i < configs.Count; i++)
        {
            var e = configs[i];
            var origin = values[i].Origin;
            if (!e.HasPath(ExpectPathKey))
            {
                throw new HoconException(origin, $"expect[{i}]: missing setting path");
            }

            var path = e.GetString(ExpectPathKey);
            if (path != Expectation.DmesgPath && !LanePaths.IsKnown(path))
            {
                throw new HoconException(e.GetOrigin(ExpectPathKey), $"expect[{i}]: unknown path {path}: the simulated host serves no such file");
            }

            var kinds = ExpectationKinds.Where(e.HasPath).ToList();
            if (kinds.Count != 1)
            {
                throw new HoconException(origin, $"expect[{i}]: give exactly one of equals, one-of, contains");
            }

            var oneOf = kinds[0] == "one-of" ? e.GetStringList(ExpectOneOfKey) : [e.GetString(kinds[0])];
            result.Add(new Expectation(path, oneOf, kinds[0] == "contains", origin));
        }

        return result;
    }

    /// <summary>
    /// The scenario's own settings in <paramref name="root"/> (description, host, setup, lanes, faults, expectations) as
    /// HOCON text: read over another process's configuration with the same <c>hotplug</c> settings, it gives the same
    /// scenario with the same <see cref="StressScenario.Identity"/>.
    /// </summary>
    public static string Text(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        foreach (var key in IdentityKeys.Prepend(ScenarioConfig.DescriptionKey).Where(root.HasPath))
        {
            var value = root.GetValue(key);
            _ = value.AsConfig() is { } section
                ? text.Append(key).Append(" {\n").Append(section.ToHocon()).Append("}\n")
                : text.Append(key).Append(" = ").Append(value.ToString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A digest of the parts that decide a run: the host (with reference defaults), setup, lanes, faults, expectations.</summary>
    private static string Identity(Config root)
    {
        var text = new StringBuilder();
        foreach (var key in IdentityKeys)
        {
            text.Append(key).Append('=').Append(root.HasPath(key) ? root.GetValue(key).ToString() : "-").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
