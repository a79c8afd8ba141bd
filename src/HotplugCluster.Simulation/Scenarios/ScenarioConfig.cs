using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file: the root <c>host { … }</c> (written inline or pulled in with <c>include "…"</c>) and
/// <c>operations = [ "shell command", … ]</c>, with an optional <c>description</c>. A command the shell cannot parse
/// fails as <c>FILE:LINE:COL: operations[i]: message</c> before the host boots.
/// </summary>
public static class ScenarioConfig
{
    /// <summary>The root key holding the commands.</summary>
    public const string OperationsKey = "operations";

    /// <summary>The root key holding the optional one-line description.</summary>
    public const string DescriptionKey = "description";

    /// <summary>Reads <paramref name="root"/> (resolved, with reference.conf as fallback) as a scenario named <paramref name="source"/>.</summary>
    public static Scenario Read(Config root, string source)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.HasPath(OperationsKey))
        {
            throw new HoconException(new ConfigOrigin(source, 1, 1), $"{OperationsKey}: missing setting: a scenario lists its shell commands in operations = [ \"...\", ... ]");
        }

        var values = root.GetList(OperationsKey);
        var texts = root.GetStringList(OperationsKey);
        var operations = new List<ScenarioOperation>();
        for (var i = 0; i < texts.Count; i++)
        {
            ShellCommand? command;
            try
            {
                command = ShellParser.Parse(texts[i]);
            }
            catch (FormatException e)
            {
                throw new HoconException(values[i].Origin, $"{OperationsKey}[{i}]: {e.Message}");
            }

            if (command is not null)
            {
                operations.Add(new ScenarioOperation(command, values[i].Origin));
            }
        }

        var host = HostConfig.Read(root);
        var description = root.HasPath(DescriptionKey) ? root.GetString(DescriptionKey) : null;
        return new Scenario(source, description, host, operations, RecordedWrites.Read(root));
    }
}
