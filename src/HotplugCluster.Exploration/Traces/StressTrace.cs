using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotplugCluster.Exploration.Traces;

/// <summary>
/// A saved failing schedule (JSON): the scenario's source, the <c>--set</c> overrides it ran with and its identity digest, the model version that ran it, the
/// strategy and seeds, the <c>--invariant</c> filter (<c>only</c>, null: all) and <c>--check</c> mode, the finding, and the choices (indices into each step's enabled actors; past the end, the
/// default 0). <c>hotplug stress --replay</c> refuses a trace whose scenario identity or model version differs.
/// </summary>
public sealed record StressTrace(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("scenario_identity")] string ScenarioIdentity,
    [property: JsonPropertyName("overrides")] IReadOnlyList<string> Overrides,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("depth")] int Depth,
    [property: JsonPropertyName("run_seed")] long RunSeed,
    [property: JsonPropertyName("schedule")] int Schedule,
    [property: JsonPropertyName("schedule_seed")] long ScheduleSeed,
    [property: JsonPropertyName("only")] IReadOnlyList<string>? Only,
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("invariant")] string Invariant,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("choices")] IReadOnlyList<int> Choices)
{
    /// <summary>The format tag every trace file carries.</summary>
    public const string FormatTag = "hotplug-stress-trace/1";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The trace as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a trace file's text; a malformed file or another format fails with <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static StressTrace Parse(string json, string source)
    {
        StressTrace? trace;
        try
        {
            trace = JsonSerializer.Deserialize<StressTrace>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not a stress trace: {e.Message}", e);
        }

        if (trace?.Format != FormatTag || trace.Choices is null || trace.Scenario is null || trace.ScenarioIdentity is null || trace.Model is null || trace.Overrides is null)
        {
            throw new FormatException($"{source}: not a stress trace (expected \"format\": \"{FormatTag}\" with model, scenario, scenario_identity and choices)");
        }

        return trace;
    }
}
