using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Members;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// Runs a fleet on a cluster: joins it as a submitter (a member that runs no hosts), waits for members able to run
/// hosts, cuts the fleet into slices, has sharding place them, and merges the slices' hosts in index order into the
/// same <see cref="FleetResult"/> a single process computes. A job is named by a hash of the model version,
/// configuration and fleet, so submitting it again to the same cluster answers finished slices from the journal.
/// </summary>
public static class ClusterFleet
{
    /// <summary>
    /// Runs <paramref name="plan"/> (read from <paramref name="root"/>) on the cluster at <paramref name="seeds"/>, once
    /// <paramref name="expectedWorkers"/> worker members (at least one) are up; <paramref name="progress"/> gets (hosts done, hosts).
    /// </summary>
    public static async Task<(FleetResult Result, SubmitStats Stats)> RunAsync(
        Config root, FleetPlan plan, string modelVersion, IReadOnlyList<string> seeds, int expectedWorkers, Action<long, long>? progress)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(plan);
        var options = new MemberOptions(root, AkkaConfig.SubmitterRole, modelVersion)
        {
            SeedNodes = seeds,
            // A submitter's warnings are about members it cannot reach yet (they are still starting) or any more (the
            // resolver is downing them): its errors say what failed.
            Overrides = "akka.remote.dot-netty.tcp.port = 0\nakka.loglevel = ERROR\n",
        };
        var member = await ClusterMember.StartAsync(options).ConfigureAwait(false);
        try
        {
            var workers = await WaitForWorkers(member, Math.Max(1, expectedWorkers)).ConfigureAwait(false);
            var fleetText = FleetSliceCompute.FleetText(root);
            var fingerprint = ConfigFingerprint.Of(root);
            var jobId = JobId(modelVersion, fingerprint, fleetText);
            var job = SlicePayload.EncodeJob(fleetText);
            var perSlice = member.Settings.HostsPerSlice(plan.Variants.Max(v => v.HostCount), workers * member.Settings.EffectiveWorkers);
            var slices = FleetSlices.Cut(plan, perSlice);
            var runs = slices.Select((s, i) => new RunSlice(jobId, i, s, job, modelVersion, fingerprint, ActorRefs.Nobody)).ToImmutableArray();
            long done = 0;
            var total = plan.TotalHosts;
            var result = new TaskCompletionSource<SubmissionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            member.System.ActorOf(SliceSubmission.Props(
                member.Region, runs, member.Settings.RetryInterval, member.Settings.MemberTimeout,
                s => progress?.Invoke(Interlocked.Add(ref done, s.Count), total), result), "submission-" + jobId);
            var submitted = await result.Task.ConfigureAwait(false);
            var merged = FleetSlices.Merge(plan, submitted.Slices.Select(kv => (kv.Key, SlicePayload.DecodeHosts(kv.Value))), submitted.Stats.Members);
            return (merged, submitted.Stats);
        }
        finally
        {
            await member.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The job id: the first 16 hex digits of SHA-256 over the model version, configuration fingerprint and fleet text.</summary>
    public static string JobId(string modelVersion, string fingerprint, string fleetText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelVersion}\n{fingerprint}\n{fleetText}")))[..16];

    private static async Task<int> WaitForWorkers(ClusterMember member, int expected)
    {
        var cluster = AkkaCluster.Get(member.System);
        var deadline = DateTime.UtcNow + member.Settings.MemberTimeout;
        while (true)
        {
            var up = cluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(AkkaConfig.WorkerRole));
            if (up >= expected)
            {
                return up;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ClusterException(up == 0
                    ? $"no member of the cluster can run hosts (none with role {AkkaConfig.WorkerRole} is up after {member.Settings.MemberTimeout.TotalSeconds:0}s): start one with hotplug node"
                    : $"{up} of {expected} members able to run hosts are up after {member.Settings.MemberTimeout.TotalSeconds:0}s");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
