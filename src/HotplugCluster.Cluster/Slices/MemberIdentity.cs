namespace HotplugCluster.Cluster.Slices;

/// <summary>What a member runs with: its model version and configuration fingerprint (a submitter's must match), and its address for messages.</summary>
public sealed record MemberIdentity(string ModelVersion, string Fingerprint, string Address)
{
    /// <summary>Why this member refuses work from a submitter of <paramref name="modelVersion"/> and <paramref name="fingerprint"/>, or null when it accepts it.</summary>
    public string? Refusal(string modelVersion, string fingerprint) =>
        modelVersion != ModelVersion
            ? $"member {Address} runs model version {ModelVersion}, the submitter {modelVersion}: run one build everywhere"
            : fingerprint != Fingerprint
                ? $"member {Address} runs hotplug configuration {Fingerprint}, the submitter {fingerprint}: give members and submitter the same settings (hotplug config show)"
                : null;
}
