using System.Reflection;
using System.Xml.Linq;

namespace HotplugCluster.Architecture.Tests;

/// <summary>A project under src/: its name, the assembly it builds, its project file and the src projects it references.</summary>
internal sealed record SourceProject(string Name, string AssemblyName, string ProjectFile, XDocument Xml)
{
    /// <summary>Every project under src/, by name.</summary>
    public static IReadOnlyList<SourceProject> All { get; } = Load();

    public static SourceProject Named(string name) =>
        All.SingleOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"src/{name}/{name}.csproj does not exist.");

    /// <summary>The src projects this one names in a ProjectReference, by name.</summary>
    public IEnumerable<string> ProjectReferences =>
        Xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!));

    /// <summary>The built assembly, loaded from this test's output (the test project references every src project).</summary>
    public Assembly Assembly => Assembly.Load(AssemblyName);

    /// <summary>The src projects whose assemblies this one's compiled metadata references, by project name.</summary>
    public IEnumerable<string> AssemblyReferences =>
        Assembly.GetReferencedAssemblies().Select(a => a.Name!).Select(ProjectOfAssembly).OfType<string>();

    public override string ToString() => Name;

    // Our assemblies are the src projects' (the CLI builds "hotplug"), plus any HotplugCluster.* one that no src project
    // builds: it is reported under its own name so the layer table catches it.
    private static string? ProjectOfAssembly(string assemblyName) =>
        All.FirstOrDefault(p => p.AssemblyName == assemblyName)?.Name
        ?? (assemblyName.StartsWith("HotplugCluster.", StringComparison.Ordinal) ? assemblyName : null);

    private static List<SourceProject> Load()
    {
        var src = Path.Combine(RepoRoot.Path, "src");
        return
        [
            .. Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f =>
                {
                    var xml = XDocument.Load(f);
                    var name = Path.GetFileNameWithoutExtension(f);
                    var assemblyName = xml.Descendants("AssemblyName").Select(e => e.Value).LastOrDefault() ?? name;
                    return new SourceProject(name, assemblyName, f, xml);
                }),
        ];
    }
}
