namespace HotplugCluster.Simulation.Journal;

/// <summary>The outcome of <c>replay --verify</c>.</summary>
/// <param name="FirstDivergence">The 1-based number of the first event that differs, or null when none does.</param>
/// <param name="Stored">Events in the journal.</param>
/// <param name="Produced">Events the re-execution produced.</param>
/// <param name="Finished">Whether the recorded run finished (else only its prefix was compared).</param>
/// <param name="Message">What differs, in words.</param>
public sealed record VerificationResult(long? FirstDivergence, long Stored, long Produced, bool Finished, string? Message)
{
    /// <summary>True when every stored event was reproduced byte for byte.</summary>
    public bool Verified => FirstDivergence is null && Message is null;
}
