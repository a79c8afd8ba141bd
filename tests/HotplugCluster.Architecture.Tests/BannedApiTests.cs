using System.Reflection;

namespace HotplugCluster.Architecture.Tests;

/// <summary>
/// The deterministic layers and the storage under them read no wall clock, draw no unseeded randomness and never wait
/// in real time: BannedApiAnalyzers turns each use into a build error, from the repository's BannedSymbols.txt.
/// </summary>
public sealed class BannedApiTests
{
    private const string Analyzer = "Microsoft.CodeAnalysis.BannedApiAnalyzers";

    private static readonly string BannedSymbolsPath = Path.Combine(RepoRoot.Path, "BannedSymbols.txt");

    /// <summary>The API every deterministic project must be kept from, as documentation IDs.</summary>
    public static TheoryData<string> RequiredBans() =>
    [
        "P:System.DateTime.Now",
        "P:System.DateTime.UtcNow",
        "P:System.DateTimeOffset.Now",
        "P:System.DateTimeOffset.UtcNow",
        "P:System.Random.Shared",
        "M:System.Random.#ctor",
        "M:System.Threading.Thread.Sleep(System.Int32)",
        "M:System.Threading.Thread.Sleep(System.TimeSpan)",
        "M:System.Threading.Tasks.Task.Delay(System.Int32)",
        "M:System.Threading.Tasks.Task.Delay(System.TimeSpan)",
        "M:System.Threading.Tasks.Task.Delay(System.Int32,System.Threading.CancellationToken)",
        "M:System.Threading.Tasks.Task.Delay(System.TimeSpan,System.Threading.CancellationToken)",
        "P:System.Environment.TickCount",
        "P:System.Environment.TickCount64",
        "M:System.Diagnostics.Stopwatch.GetTimestamp",
        "M:System.Diagnostics.Stopwatch.StartNew",
    ];

    /// <summary>The deterministic layers and the storage and configuration they stand on.</summary>
    public static TheoryData<string> DeterministicProjects() =>
    [
        "HotplugCluster.Kernel",
        "HotplugCluster.Actors",
        "HotplugCluster.Simulation",
        "HotplugCluster.Exploration",
        "HotplugCluster.Fleet",
        "HotplugCluster.Persistence",
        "HotplugCluster.Hocon",
    ];

    [Theory]
    [MemberData(nameof(DeterministicProjects))]
    public void Deterministic_project_carries_the_analyzer_with_the_repository_banned_symbols(string project)
    {
        var source = SourceProject.Named(project);
        var directory = Path.GetDirectoryName(source.ProjectFile)! + Path.DirectorySeparatorChar;

        var analyzer = source.Xml.Descendants("PackageReference").Where(r => (string?)r.Attribute("Include") == Analyzer).ToList();
        var files = source.Xml.Descendants("AdditionalFiles")
            .Select(f => Path.GetFullPath(((string)f.Attribute("Include")!).Replace("$(MSBuildThisFileDirectory)", directory, StringComparison.Ordinal), directory))
            .ToList();

        Assert.True(analyzer.Count == 1, $"{source.ProjectFile} needs <PackageReference Include=\"{Analyzer}\" PrivateAssets=\"all\" />");
        Assert.True(files.Contains(BannedSymbolsPath),
            $"{source.ProjectFile} needs <AdditionalFiles Include=\"$(MSBuildThisFileDirectory)../../BannedSymbols.txt\" />");
    }

    [Theory]
    [MemberData(nameof(RequiredBans))]
    public void BannedSymbols_bans_the_clock_randomness_and_wait(string documentationId)
    {
        Assert.Contains(documentationId, BannedIds());
    }

    // A documentation ID with a typo bans nothing and the analyzer stays silent about it: each must name a real member.
    [Fact]
    public void BannedSymbols_names_only_members_that_exist()
    {
        var unknown = BannedIds().Where(id => !Exists(id)).ToList();

        Assert.True(unknown.Count == 0, $"BannedSymbols.txt names members that do not exist: {string.Join(", ", unknown)}");
    }

    private static List<string> BannedIds() =>
    [
        .. File.ReadAllLines(BannedSymbolsPath)
            .Select(l => l.Split(';', 2)[0].Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')),
    ];

    private static bool Exists(string id)
    {
        var kind = id[0];
        var body = id[2..];
        var open = body.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? body : body[..open];
        string[] parameterNames = open < 0 ? [] : body[(open + 1)..^1].Split(',');
        var parameters = parameterNames.Select(FindType).OfType<Type>().ToArray();
        if (kind == 'T')
        {
            return FindType(name) is not null;
        }

        var dot = name.LastIndexOf('.');
        var type = FindType(name[..dot]);
        var member = name[(dot + 1)..];
        if (type is null || parameters.Length != parameterNames.Length)
        {
            return false;
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        bool Takes(MethodBase m) => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters);
        return kind switch
        {
            'P' => type.GetProperties(all).Any(p => p.Name == member),
            'F' => type.GetFields(all).Any(f => f.Name == member),
            'M' when member == "#ctor" => type.GetConstructors(all).Any(Takes),
            'M' => type.GetMethods(all).Any(m => m.Name == member && Takes(m)),
            _ => false,
        };
    }

    private static Type? FindType(string name) =>
        Type.GetType(name) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
}
