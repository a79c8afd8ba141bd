namespace HotplugCluster.Architecture.Tests;

/// <summary>
/// Dependencies point down: Cli → Bench → {Fleet, Exploration} → Simulation → {Kernel, Persistence → Actors, Hocon}.
/// A reference counts when the project file names it or the compiled assembly uses it.
/// </summary>
public sealed class DependencyTests
{
    public static TheoryData<string> Projects() => [.. SourceProject.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_references_only_projects_of_a_lower_layer(string project)
    {
        var layer = Layers.Of(project);

        var upward = References(project).Where(r => Layers.Of(r) >= layer).Select(r => $"{r} (layer {Layers.Of(r)})").ToList();

        Assert.True(upward.Count == 0, $"{project} (layer {layer}) references {string.Join(", ", upward)}: a project uses only lower layers.");
    }

    [Theory]
    [InlineData("HotplugCluster.Kernel")]
    [InlineData("HotplugCluster.Hocon")]
    [InlineData("HotplugCluster.Actors")]
    public void Foundation_references_no_other_project_of_ours(string project)
    {
        Assert.Empty(References(project));
    }

    [Fact]
    public void Persistence_references_only_the_actor_runtime()
    {
        Assert.Equal(["HotplugCluster.Actors"], References("HotplugCluster.Persistence"));
    }

    [Theory]
    [InlineData("HotplugCluster.Fleet", "HotplugCluster.Exploration")]
    [InlineData("HotplugCluster.Exploration", "HotplugCluster.Fleet")]
    public void Fleet_and_Exploration_do_not_reference_each_other(string project, string other)
    {
        Assert.DoesNotContain(other, References(project));
    }

    [Theory]
    [InlineData("HotplugCluster.Fleet")]
    [InlineData("HotplugCluster.Exploration")]
    [InlineData("HotplugCluster.Bench")]
    [InlineData("HotplugCluster.Cli")]
    public void Simulation_does_not_reference_a_project_built_on_it(string above)
    {
        Assert.DoesNotContain(above, References("HotplugCluster.Simulation"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_does_not_reference_the_CLI(string project)
    {
        Assert.DoesNotContain("HotplugCluster.Cli", References(project));
    }

    private static List<string> References(string project)
    {
        var source = SourceProject.Named(project);
        return [.. source.ProjectReferences.Union(source.AssemblyReferences).Order(StringComparer.Ordinal)];
    }
}
