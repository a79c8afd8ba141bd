using System.Text.RegularExpressions;

namespace HotplugCluster.Hocon.Tests;

/// <summary>config/reference.conf documents every setting that code reads, each with a default and a comment.</summary>
public sealed partial class ReferenceConfTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static Config Reference => ConfigFactory.ParseFile(Path.Combine(RepoRoot, "config", "reference.conf"))
        .Resolve(new ConfigResolveOptions { UseEnvironment = false });

    [Fact]
    public void Reference_conf_holds_every_setting_path_named_in_source()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(RepoRoot, f), File.ReadAllText(f)));
        Assert.Empty(MissingSettings(sources, Reference));
    }

    [Fact]
    public void Reference_conf_scan_reports_a_setting_missing_from_it()
    {
        // The check must really fail: an absolute literal, and a relative getter under GetConfig, both absent.
        var source = """
            var a = config.GetString("hotplug.actors.no-such-setting");
            var actors = config.GetConfig("hotplug.actors");
            var b = actors.GetInt("throughput");
            var c = actors.GetInt("missing-too");
            """;
        Assert.Equal(
            ["x.cs: hotplug.actors.no-such-setting", "x.cs: hotplug.actors.missing-too"],
            MissingSettings([("x.cs", source)], Reference));
    }

    [Fact]
    public void Reference_conf_scan_rejects_relative_paths_it_cannot_place()
    {
        var missing = MissingSettings([("y.cs", "section.GetBoolean(\"record-trace\")")], Reference);
        Assert.Equal(["y.cs: record-trace (relative path without a GetConfig(\"hotplug...\") in the same file)"], missing);
    }

    [Fact]
    public void Reference_conf_comments_every_setting_on_the_line_above()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, "config", "reference.conf"));
        var reference = Reference;
        foreach (var path in reference.Entries.Select(e => e.Key))
        {
            var line = reference.GetOrigin(path).Line;
            Assert.True(line >= 2 && lines[line - 2].TrimStart().StartsWith('#'), $"{path} (line {line}) has no comment above it");
        }
    }

    [Fact]
    public void Reference_conf_round_trips_through_hocon_and_json()
    {
        var reference = Reference;
        Assert.Equal(reference.ToJson(), ConfigFactory.ParseString(reference.ToHocon()).Resolve().ToJson());
        Assert.Equal(reference.ToJson(), ConfigFactory.ParseString(reference.ToJson()).Resolve().ToJson());
    }

    /// <summary>Setting paths named by string literals in <paramref name="sources"/> that <paramref name="reference"/> lacks.</summary>
    internal static List<string> MissingSettings(IEnumerable<(string File, string Text)> sources, Config reference)
    {
        var missing = new List<string>();
        foreach (var (file, text) in sources)
        {
            var prefixes = SectionLiteral().Matches(text).Select(m => m.Groups[1].Value).ToList();
            foreach (var literal in AbsoluteLiteral().Matches(text).Select(m => m.Groups[1].Value).Distinct())
            {
                if (!reference.HasPath(literal))
                {
                    missing.Add($"{file}: {literal}");
                }
            }

            foreach (var relative in GetterLiteral().Matches(text).Select(m => m.Groups[1].Value).Where(p => !IsAbsolute(p)).Distinct())
            {
                if (prefixes.Count == 0)
                {
                    missing.Add($"{file}: {relative} (relative path without a GetConfig(\"hotplug...\") in the same file)");
                }
                else if (!prefixes.Any(p => reference.HasPath($"{p}.{relative}")))
                {
                    missing.Add($"{file}: {prefixes[0]}.{relative}");
                }
            }
        }

        return missing;
    }

    /// <summary>Paths from the root: ours under hotplug, and Akka's under akka (the cluster reads those from the akka section).</summary>
    private static bool IsAbsolute(string path) =>
        path == "hotplug" || path.StartsWith("hotplug.", StringComparison.Ordinal) || path == "akka" || path.StartsWith("akka.", StringComparison.Ordinal);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }

    [GeneratedRegex("\"((?:hotplug|akka)(?:\\.[a-z0-9-]+)+)\"")]
    private static partial Regex AbsoluteLiteral();

    [GeneratedRegex("\\.GetConfig\\(\\s*\"(hotplug(?:\\.[a-z0-9-]+)*)\"")]
    private static partial Regex SectionLiteral();

    [GeneratedRegex("\\.(?:GetString|GetInt|GetLong|GetDouble|GetBoolean|GetBytes|GetNanoseconds|GetDuration|GetConfig|GetList|GetStringList|GetConfigList|GetValue|GetOrigin|HasPath|ErrorAt)\\(\\s*\"([^\"]+)\"")]
    private static partial Regex GetterLiteral();
}
