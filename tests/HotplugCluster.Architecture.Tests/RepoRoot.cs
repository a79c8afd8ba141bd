namespace HotplugCluster.Architecture.Tests;

/// <summary>The repository root: the folder above the test output that holds HotplugCluster.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }
}
