using System.Reflection;
using System.Runtime.CompilerServices;

namespace HotplugCluster.Architecture.Tests;

/// <summary>
/// A concrete class is sealed unless it is a documented base: a class meant to be derived from is named in
/// <see cref="DocumentedBases"/> with the reason, so the extension point is a decision a reviewer sees.
/// </summary>
public sealed class SealedClassTests
{
    /// <summary>Concrete classes left open on purpose, by full name, with why.</summary>
    private static readonly Dictionary<string, string> DocumentedBases = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Projects() => [.. SourceProject.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Concrete_classes_are_sealed_unless_documented_bases(string project)
    {
        var unsealed = ConcreteClasses(SourceProject.Named(project).Assembly)
            .Where(t => !t.IsSealed && !DocumentedBases.ContainsKey(t.FullName!))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unsealed.Count == 0,
            $"{project}: seal these classes, or name each in SealedClassTests.DocumentedBases with the reason it is open:\n  " +
            string.Join("\n  ", unsealed));
    }

    [Fact]
    public void Documented_bases_are_concrete_open_classes_of_ours()
    {
        var open = SourceProject.All.SelectMany(p => ConcreteClasses(p.Assembly)).Where(t => !t.IsSealed).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

        Assert.All(DocumentedBases.Keys, name => Assert.True(open.Contains(name), $"{name} is listed as a documented base but is not an open concrete class in src: remove it from the list."));
    }

    [Fact]
    public void The_rule_sees_the_classes_of_every_project()
    {
        Assert.All(SourceProject.All, p => Assert.NotEmpty(ConcreteClasses(p.Assembly)));
    }

    /// <summary>Non-abstract, non-static classes the source declares (static classes are abstract and sealed in metadata).</summary>
    private static IEnumerable<Type> ConcreteClasses(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t) && !IsCompilerGenerated(t));

    private static bool IsCompilerGenerated(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.IsDefined(typeof(CompilerGeneratedAttribute), false) || t.Name.StartsWith('<'))
            {
                return true;
            }
        }

        return false;
    }
}
