using System.Text;
using System.Text.RegularExpressions;
using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Exploration.Traces;

/// <summary>A schedule's messages for a reader: numbered lines (lane, operation, step), or a Mermaid sequence diagram.</summary>
public static partial class TraceRendering
{
    /// <summary>One line per message: index, lane, operation id and what happened; the finding last.</summary>
    public static string Text(IReadOnlyList<TraceLine> lines, Finding? finding)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sb = new StringBuilder();
        var commands = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.OpId != "-" && commands.Add(l.OpId))
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"      {l.Lane,-12} {l.OpId,-5} $ {l.Command}\n");
            }

            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1,5} {l.Lane,-12} {l.OpId,-5} {l.Text}\n");
        }

        if (finding is not null)
        {
            sb.Append("      ==> ").Append(finding).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A Mermaid <c>sequenceDiagram</c>: one participant per lane and one per owner or lock the steps reach; lock
    /// steps are arrows to the lock, work steps arrows to their owner (from the step's <c>[Owner:target, Lock]</c>).
    /// Every arrow has both ends: a step that touches no state (owner <see cref="StateOwner.None"/>) is an arrow from its
    /// lane to itself, and a step of no lane's operation (the kernel acting on its own) comes from <c>kernel</c>.
    /// </summary>
    public static string Mermaid(IReadOnlyList<TraceLine> lines, Finding? finding, string title)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var body = new StringBuilder();
        var participants = new List<string>();
        string Participant(string name)
        {
            var id = Unsafe().Replace(name, "_");
            if (!participants.Contains(id))
            {
                participants.Add(id);
            }

            return id;
        }

        foreach (var lane in lines.Select(l => Sender(l.Lane)).Distinct())
        {
            Participant(lane);
        }

        foreach (var l in lines)
        {
            var from = Participant(Sender(l.Lane));
            var text = l.Text;
            string to;
            if (text.StartsWith("lock ", StringComparison.Ordinal) || text.StartsWith("unlock ", StringComparison.Ordinal))
            {
                to = Participant(text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            }
            else if (text.StartsWith("$ ", StringComparison.Ordinal))
            {
                to = from;
            }
            else
            {
                var owner = Owner().Match(text);
                to = !owner.Success ? Participant("host")
                    : owner.Groups[1].Value == nameof(StateOwner.None) ? from
                    : Participant(owner.Groups[2].Success ? owner.Groups[2].Value : owner.Groups[1].Value);
                text = owner.Success ? text[..owner.Index].TrimEnd() : text;
            }

            body.Append("    ").Append(from).Append("->>").Append(to).Append(": ").Append(l.OpId).Append(' ').Append(Escape(text)).Append('\n');
        }

        if (finding is not null)
        {
            var over = participants.Count > 0 ? participants[0] : "host";
            body.Append("    Note over ").Append(over).Append(": ").Append(Escape($"{finding.Invariant}: {finding.Message}")).Append('\n');
        }

        var sb = new StringBuilder("---\ntitle: ").Append(Escape(title)).Append("\n---\nsequenceDiagram\n");
        foreach (var p in participants)
        {
            sb.Append("    participant ").Append(p).Append('\n');
        }

        return sb.Append(body).ToString();
    }

    /// <summary>The lane that sent a line; <c>kernel</c> for a step no lane's operation started (its lane is "-").</summary>
    private static string Sender(string lane) => lane == "-" ? "kernel" : lane;

    private static string Escape(string text) => text.Replace(";", ",", StringComparison.Ordinal).Replace("#", "no.", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    [GeneratedRegex(@"\[(\w+)(?::([\w.]+))?(?:, \w+)?\](?: \(attempt \d+\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Owner();

    [GeneratedRegex(@"[^A-Za-z0-9_]", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}
