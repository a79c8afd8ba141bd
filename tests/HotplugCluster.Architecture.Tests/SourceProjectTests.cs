namespace HotplugCluster.Architecture.Tests;

/// <summary>The rules see every src project: each is built into this test's output and each has a layer.</summary>
public sealed class SourceProjectTests
{
    [Fact]
    public void Architecture_tests_reference_every_src_project()
    {
        var own = Path.Combine(RepoRoot.Path, "tests", "HotplugCluster.Architecture.Tests", "HotplugCluster.Architecture.Tests.csproj");
        var referenced = System.Xml.Linq.XDocument.Load(own).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).ToHashSet(StringComparer.Ordinal);

        var missing = SourceProject.All.Select(p => p.Name).Where(n => !referenced.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"add a ProjectReference to {string.Join(", ", missing)} in {own}, so the design rules check it.");
    }

    [Fact]
    public void Every_src_project_has_a_layer()
    {
        foreach (var project in SourceProject.All)
        {
            Layers.Of(project.Name);
        }

        Assert.Contains("HotplugCluster.Simulation", SourceProject.All.Select(p => p.Name));
    }
}
