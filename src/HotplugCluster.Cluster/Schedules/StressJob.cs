using System.Globalization;
using System.Text;
using System.Text.Json;
using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Schedules;

/// <summary>
/// A stress search as a cluster job: the scenario (its own settings as HOCON text, <see cref="StressScenarioConfig.Text"/>,
/// read on a member over the member's configuration), the name it was read from and its identity, and the search's
/// strategy, depth, run seed, check mode and invariant filter. Its slices are schedule ranges: variant 0, schedules
/// <c>From</c> to <c>To</c> (exclusive).
/// </summary>
public sealed record StressJob(string Source, string Identity, string Strategy, int Depth, long Seed, string Check, IReadOnlyList<string>? Only, string Scenario)
{
    private const string Head = "stress-job";

    // The job text's own keys (written by ToText): a wire format between submitter and members, not reference.conf settings.
    private const string SourceKey = "source";
    private const string IdentityKey = "identity";
    private const string StrategyKey = "strategy";
    private const string DepthKey = "depth";
    private const string SeedKey = "seed";
    private const string CheckKey = "check";
    private const string OnlyKey = "only";
    private const string ScenarioKey = "scenario";

    /// <summary>The job of a search of <paramref name="scenario"/> (read from <paramref name="root"/>) with these search options.</summary>
    public static StressJob Of(Config root, StressScenario scenario, string strategy, int depth, long seed, string check, IReadOnlyList<string>? only)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new StressJob(scenario.Source, scenario.Identity, strategy, depth, seed, check, only, StressScenarioConfig.Text(root));
    }

    /// <summary>Whether a job's text (see <see cref="Slices.SlicePayload.DecodeJob"/>) is a stress job's, not a fleet's.</summary>
    public static bool Is(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith(Head + " {", StringComparison.Ordinal);
    }

    /// <summary>The job read back from <see cref="ToText"/>.</summary>
    public static StressJob Parse(string text)
    {
        var head = ConfigFactory.ParseString(text, "stress job from the submitter").Resolve().GetConfig(Head);
        return new StressJob(
            head.GetString(SourceKey), head.GetString(IdentityKey), head.GetString(StrategyKey), head.GetInt(DepthKey), head.GetLong(SeedKey),
            head.GetString(CheckKey), head.HasPath(OnlyKey) ? head.GetStringList(OnlyKey) : null, head.GetString(ScenarioKey));
    }

    /// <summary>The exploration settings of the search.</summary>
    public ExplorationSettings Settings() =>
        ExplorationSettings.Of(Enum.Parse<StrategyKind>(Strategy, ignoreCase: true), Depth, Seed, Check, Only);

    /// <summary>The job as HOCON text, the scenario's text a string in it.</summary>
    public string ToText()
    {
        var text = new StringBuilder(Head).Append(" {\n");
        text.Append(CultureInfo.InvariantCulture, $"  source = {Quote(Source)}\n  identity = {Quote(Identity)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  strategy = {Quote(Strategy)}\n  depth = {Depth}\n  seed = {Seed}\n  check = {Quote(Check)}\n");
        if (Only is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  only = [{string.Join(", ", Only.Select(Quote))}]\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"  scenario = {Quote(Scenario)}\n}}\n").ToString();
    }

    /// <summary>
    /// The search's explorer on a member whose configuration is <paramref name="memberRoot"/>; throws when the scenario
    /// read there has another identity than the submitter's (the member's defaults would change the schedules).
    /// </summary>
    public Explorer Explorer(Config memberRoot)
    {
        var root = ConfigFactory.ParseString(Scenario, Source).WithFallback(memberRoot).Resolve();
        var scenario = StressScenarioConfig.Read(root, Source);
        return scenario.Identity == Identity
            ? new Explorer(scenario, Settings())
            : throw new InvalidOperationException($"scenario {Source} has identity {scenario.Identity} on this member, {Identity} on the submitter: give members and submitter the same settings");
    }

    /// <summary>A HOCON quoted string: JSON's, which escapes line breaks and quotes as HOCON reads them.</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
