namespace HotplugCluster.Simulation.Shell;

/// <summary>Script mode with exit statuses, as <c>sh -e</c> runs a script (or plain <c>sh</c> with keep-going).</summary>
public sealed partial class HostShell
{
    /// <summary>
    /// Runs <paramref name="text"/> line by line, printing each comment and each command as <c>$ command</c> with its
    /// output. A line the shell cannot parse (an unknown command, a bad option) is reported in place as
    /// <c>hotplug-sh: SOURCE:LINE: message</c> with status 127 and counts as a failed command. Without
    /// <paramref name="keepGoing"/> the script stops after the first command that fails, as <c>sh -e</c> does.
    /// </summary>
    public ScriptOutcome RunScript(string text, string source, TextWriter output, bool keepGoing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var failed = new List<int>();
        var ran = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            int status;
            try
            {
                if (ShellParser.Parse(raw) is not { } command)
                {
                    output.WriteLine(raw);
                    continue;
                }

                output.WriteLine($"$ {command.Text}");
                status = Execute(command, output);
            }
            catch (FormatException e)
            {
                output.WriteLine($"$ {raw}");
                output.WriteLine($"hotplug-sh: {source}:{i + 1}: {e.Message}");
                status = 127;
            }

            ran++;
            if (status != 0)
            {
                failed.Add(i + 1);
                if (!keepGoing)
                {
                    return new ScriptOutcome(ran, failed, Stopped: true);
                }
            }
        }

        return new ScriptOutcome(ran, failed, Stopped: false);
    }
}
