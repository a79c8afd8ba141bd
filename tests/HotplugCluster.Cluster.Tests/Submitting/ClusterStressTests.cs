using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Cluster.Tests.Schedules;

namespace HotplugCluster.Cluster.Tests.Submitting;

/// <summary>Stress searches on clusters of several actor systems in this process, on loopback ports, sharing one SQLite file.</summary>
public sealed class ClusterStressTests : IDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(150);
    private readonly string _folder = Directory.CreateTempSubdirectory("hotplug-stress-test-").FullName;

    [Fact]
    public async Task A_search_on_three_members_reports_the_single_process_violation_when_the_coordinators_member_leaves_mid_run()
    {
        var (root, job) = StressScenarios.Job(StressScenarios.Rollback, [StressScenarios.RollbackBug, .. Cluster()]);
        var first = await TestMembers.Start(root, []);
        var seeds = new[] { first.Address.ToString() };
        var others = new[] { await TestMembers.Start(root, seeds), await TestMembers.Start(root, seeds) };
        var leave = new TaskCompletionSource();
        var run = ClusterStress.RunAsync(root, job, 60, "test", seeds, 3, _ => leave.TrySetResult());

        // The oldest member hosts the shard coordinator: it leaves after the first range, and the rest must carry on.
        await leave.Task.WaitAsync(Bounded);
        await first.DisposeAsync();
        var (violation, stats) = await run.WaitAsync(Bounded);
        foreach (var m in others)
        {
            await m.DisposeAsync();
        }

        Assert.Equal(StressScenarios.FirstViolation(root, job, 60), violation);
        Assert.Equal(20, stats.Slices);
    }

    [Fact]
    public async Task A_clean_search_on_two_members_reports_no_violation()
    {
        var (root, job) = StressScenarios.Job(StressScenarios.Cycles, Cluster());
        var first = await TestMembers.Start(root, []);
        var second = await TestMembers.Start(root, [first.Address.ToString()]);
        var (violation, stats) = await ClusterStress.RunAsync(root, job, 12, "test", [first.Address.ToString()], 2, null).WaitAsync(Bounded);
        await second.DisposeAsync();
        await first.DisposeAsync();
        Assert.Null(violation);
        Assert.Equal(4, stats.Slices);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is a temporary one.
        }
    }

    private string[] Cluster() => [$"hotplug.cluster.journal = \"Data Source={Path.Combine(_folder, "cluster.db")}\"", "hotplug.cluster.slice-hosts = 3"];
}
