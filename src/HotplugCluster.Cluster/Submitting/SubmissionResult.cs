using System.Collections.Immutable;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>Every slice's hosts (compressed, see <see cref="Slices.SlicePayload"/>) and what the submission cost.</summary>
public sealed record SubmissionResult(ImmutableDictionary<FleetSlice, byte[]> Slices, SubmitStats Stats);
