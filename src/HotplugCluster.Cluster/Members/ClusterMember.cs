using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster.Sharding;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Schedules;
using HotplugCluster.Cluster.Slices;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Members;

/// <summary>
/// One member of a hotplug cluster: an Akka.NET actor system with cluster membership (seed nodes, failure detector,
/// split-brain resolver from the akka section). A worker runs the slice entities sharding places on it (fleet slices and
/// stress schedule ranges), with <c>hotplug.cluster.workers</c> slots and a relay of the violations its ranges find; a submitter runs no sharding of its own. Disposing leaves the cluster gracefully.
/// </summary>
public sealed class ClusterMember : IAsyncDisposable
{
    /// <summary>The sharding type name of slices.</summary>
    public const string SliceType = "slice";

    /// <summary>The path of a worker's slice shard region (Akka's sharding guardian <c>/system/sharding</c>, then the type name).</summary>
    public const string SliceRegionPath = "/system/sharding/" + SliceType;

    private ClusterMember(ActorSystem system, IActorRef region, ClusterSettings settings, JournalConnection journal)
    {
        System = system;
        Region = region;
        Settings = settings;
        Journal = journal;
    }

    /// <summary>The member's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The slice shard region of a worker; <see cref="ActorRefs.Nobody"/> on a submitter, which offers through the workers' regions.</summary>
    public IActorRef Region { get; }

    /// <summary>The project's cluster settings it runs with.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>The cluster's durable store.</summary>
    public JournalConnection Journal { get; }

    /// <summary>The member's address, akka.tcp://hotplug@HOST:PORT.</summary>
    public Address Address => AkkaCluster.Get(System).SelfAddress;

    /// <summary>
    /// Starts a member and waits until it is Up. Throws <see cref="ClusterException"/> when its port is in use, when no seed
    /// node (but itself) answers within <c>hotplug.cluster.seed-timeout</c>, or when one answers but joining does not end within
    /// <c>hotplug.cluster.join-timeout</c> (the member is stopped then).
    /// </summary>
    public static async Task<ClusterMember> StartAsync(MemberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ClusterSettings.FromConfig(options.Root);
        var journal = JournalConnection.Parse(settings.Journal);
        var worker = options.Role == AkkaConfig.WorkerRole;
        if (worker)
        {
            journal.Prepare();
        }

        var seeds = options.SeedNodes.Count > 0 ? AkkaConfig.Seeds(options.SeedNodes) : "";
        var config = AkkaConfig.Build(options.Root, options.Role, journal, options.Overrides + seeds);
        var hostname = config.GetString("akka.remote.dot-netty.tcp.hostname");
        var port = config.GetInt("akka.remote.dot-netty.tcp.port");
        EnsurePortFree(hostname, port);
        ActorSystem system;
        try
        {
            var bootstrap = BootstrapSetup.Create().WithConfig(config);
            system = SqliteBusyTimeout.Setup(journal, settings.SqliteBusyTimeout) is { } busy
                ? ActorSystem.Create(AkkaConfig.SystemName, bootstrap.And(busy))
                : ActorSystem.Create(AkkaConfig.SystemName, bootstrap);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ClusterException($"cannot start a member on {hostname}:{port}: {Innermost(e).Message}", e);
        }

        var cluster = AkkaCluster.Get(system);
        var seedList = config.GetStringList("akka.cluster.seed-nodes");
        var up = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult(true));
        _ = system.WhenTerminated.ContinueWith(_ => up.TrySetResult(false), TaskScheduler.Default);
        var others = seedList.Select(Address.Parse).Where(a => a != cluster.SelfAddress).ToHashSet();
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (others.Count == 0)
        {
            answered.TrySetResult();
        }
        else
        {
            system.ActorOf(SeedContact.Props(others, answered), "seed-contact");
        }

        if (seedList.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }

        var identity = new MemberIdentity(options.ModelVersion, ConfigFingerprint.Of(options.Root), cluster.SelfAddress.ToString());
        IActorRef region = ActorRefs.Nobody;
        if (worker)
        {
            var bounds = new ScheduleBounds();
            var relay = system.ActorOf(ScheduleBoundRelay.Props(bounds), ScheduleBoundRelay.Name);
            var compute = options.Compute ?? new MemberCompute(
                new FleetSliceCompute(options.Root),
                new ScheduleRangeCompute(options.Root, bounds, (job, schedule) => ScheduleBoundRelay.Publish(relay, job, schedule))).Run;
            var workers = system.ActorOf(SliceWorkers.Props(settings.EffectiveWorkers, identity, compute, options.Report), SliceWorkers.Name);
            region = await ClusterSharding.Get(system).StartAsync(
                SliceType, entityId => SliceEntity.Props(entityId, identity, workers),
                ClusterShardingSettings.Create(system).WithRole(AkkaConfig.WorkerRole), new SliceMessageExtractor(settings.Shards)).ConfigureAwait(false);
        }

        if (await Joined(up.Task, answered.Task, settings).ConfigureAwait(false) is { } failure)
        {
            await system.Terminate().ConfigureAwait(false);
            throw new ClusterException(failure == JoinFailure.NoSeed
                ? $"no seed node answered within {settings.SeedTimeout.TotalSeconds:0}s: {string.Join(", ", seedList)} (is a hotplug node running there, with the same akka system name '{AkkaConfig.SystemName}'?)"
                : $"a seed node answered but this member had not joined after {settings.JoinTimeout.TotalSeconds:0}s: {string.Join(", ", seedList)}");
        }

        return new ClusterMember(system, region, settings, journal);
    }

    /// <summary>Leaves the cluster (coordinated shutdown: sharding hands its slices on) and stops the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).ConfigureAwait(false);
        await System.WhenTerminated.ConfigureAwait(false);
    }

    // Joining ends when the member is Up. Without an answer from a seed it fails at seed-timeout (an unreachable address is
    // named soon); once a seed has answered it may take up to join-timeout (members starting together on a busy machine
    // took over 20 s). Akka's own shutdown-after-unsuccessful-join-seed-nodes is off: it cannot tell the two apart.
    private static async Task<JoinFailure?> Joined(Task<bool> up, Task answered, ClusterSettings settings)
    {
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAny(up, answered, Task.Delay(settings.SeedTimeout)).ConfigureAwait(false);
        if (!up.IsCompleted && !answered.IsCompleted)
        {
            return JoinFailure.NoSeed;
        }

        var rest = settings.JoinTimeout - clock.Elapsed;
        await Task.WhenAny(up, Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero)).ConfigureAwait(false);
        return up.IsCompleted && up.Result ? null : answered.IsCompleted ? JoinFailure.Slow : JoinFailure.NoSeed;
    }

    private static void EnsurePortFree(string hostname, int port)
    {
        if (port == 0)
        {
            return;
        }

        var addresses = IPAddress.TryParse(hostname, out var ip) ? [ip] : Dns.GetHostAddresses(hostname);
        try
        {
            var listener = new TcpListener(addresses[0], port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ClusterException($"port {port} on {hostname} is in use: choose another --port (or 0 for any free port)", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private enum JoinFailure
    {
        NoSeed,
        Slow,
    }
}
