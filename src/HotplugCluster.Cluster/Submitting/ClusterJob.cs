using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Members;
using HotplugCluster.Cluster.Slices;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Submitting;

/// <summary>
/// Submits one job to a cluster, whatever it computes (a fleet's hosts, a stress search's schedule ranges): joins as a
/// submitter (a member that runs no hosts), waits for members able to run work, cuts the job into slices, has sharding
/// place them, and returns every slice's result. A job is named by a hash of the model version, configuration and job
/// text, so submitting it again to the same cluster answers finished slices from the journal.
/// </summary>
public static class ClusterJob
{
    /// <summary>
    /// Runs the job of <paramref name="jobText"/> on the cluster at <paramref name="seeds"/> once <paramref name="expectedWorkers"/>
    /// worker members (at least one) are up, in the slices <paramref name="cut"/> gives for the submitter's cluster settings and
    /// the worker slots up (members times <c>hotplug.cluster.workers</c>); <paramref name="progress"/> gets each slice done.
    /// </summary>
    public static async Task<SubmissionResult> RunAsync(
        Config root, string modelVersion, IReadOnlyList<string> seeds, int expectedWorkers, string jobText,
        Func<ClusterSettings, int, IReadOnlyList<FleetSlice>> cut, Action<FleetSlice>? progress)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(cut);
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
            var fingerprint = ConfigFingerprint.Of(root);
            var jobId = JobId(modelVersion, fingerprint, jobText);
            var job = SlicePayload.EncodeJob(jobText);
            var slices = cut(member.Settings, workers * member.Settings.EffectiveWorkers);
            var runs = slices.Select((s, i) => new RunSlice(jobId, i, s, job, modelVersion, fingerprint, ActorRefs.Nobody)).ToImmutableArray();
            var result = new TaskCompletionSource<SubmissionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            member.System.ActorOf(SliceSubmission.Props(
                ClusterMember.SliceRegionPath, runs, member.Settings.RetryInterval, member.Settings.MemberTimeout, progress, result), "submission-" + jobId);
            return await result.Task.ConfigureAwait(false);
        }
        finally
        {
            await member.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The job id: the first 16 hex digits of SHA-256 over the model version, configuration fingerprint and job text.</summary>
    public static string JobId(string modelVersion, string fingerprint, string jobText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelVersion}\n{fingerprint}\n{jobText}")))[..16];

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
