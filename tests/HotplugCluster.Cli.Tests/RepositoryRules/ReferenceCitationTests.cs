using System.Text.RegularExpressions;
using HotplugCluster.Cli.Tests.Commands;
using Xunit;

namespace HotplugCluster.Cli.Tests.RepositoryRules;

/// <summary>
/// Code, tests, docs and config cite what the repository holds (a kernel function and file, an upstream test, a
/// section of docs/kernel-model.md), never a section number of the kernel reference document kept outside the
/// repository, which a reader cannot follow.
/// </summary>
public sealed partial class ReferenceCitationTests
{
    // Build output, VCS data and local run artifacts (.gitignore) are not the repository's text.
    private static readonly HashSet<string> SkippedDirectories =
        new(["bin", "obj", ".git", ".vs", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", "data", "out"], StringComparer.Ordinal);

    [Fact]
    public void Repository_text_files_cite_no_section_of_the_outside_kernel_reference()
    {
        var files = TextFiles(CliRunner.RepoRoot).ToList();
        Assert.Contains(files, f => f.EndsWith("kernel-model.md", StringComparison.Ordinal));

        var offenders = (
            from file in files
            from line in File.ReadLines(file).Select((text, i) => (Text: text, Number: i + 1))
            where CitesOutsideReference(line.Text)
            select $"{Path.GetRelativePath(CliRunner.RepoRoot, file).Replace('\\', '/')}:{line.Number}: {line.Text.Trim()}").ToList();

        Assert.True(
            offenders.Count == 0,
            "Cite the kernel function and file (with the version where it matters) or a section of docs/kernel-model.md "
            + "instead of the outside reference's section numbers:\n" + string.Join('\n', offenders));
    }

    // The phrases below are split ("reference " + "section 8") so that this file passes its own scan.
    [Theory]
    [InlineData("/// <summary>Which zone a block goes to when onlined (reference \u00A75.3).</summary>")]
    [InlineData("// \u00A78 #1: add_memory() holds mem_hotplug_lock")]
    [InlineData("| `zone-accounting` | ... (\u00A7 2.5, \u00A75.4) |")]
    [InlineData("# Race seed (d) of reference " + "section 8 on 6.8")]
    [InlineData("# ndctl test/daxctl-devices.sh (reference " + "10.2), transcribed")]
    [InlineData("randomness. The reference is /work/shared/reference/kernel-semantics" + ".md.")]
    public void Citation_check_flags_a_line_when_it_cites_the_outside_reference(string line) =>
        Assert.True(CitesOutsideReference(line));

    [Theory]
    [InlineData("/// <remarks>online_pages(), mm/memory_hotplug.c (6.1)</remarks>")]
    [InlineData("// Race seed (d), docs/kernel-model.md \"Race seeds\": fail after k of 4 blocks.")]
    [InlineData("config/reference.conf holds every default; see docs/kernel-model.md, \"Historical kernel bugs\".")]
    [InlineData("var merged = app.WithFallback(reference).Resolve();")]
    public void Citation_check_passes_a_line_when_it_cites_the_kernel_or_our_docs(string line) =>
        Assert.False(CitesOutsideReference(line));

    private static bool CitesOutsideReference(string line) => OutsideReference().IsMatch(line);

    // A section sign before a number, "reference [section] N[.M]", or the outside document's file name.
    [GeneratedRegex(@"\u00A7\s*\d|\breference\s+(section\s+)?\d+(\.\d+)*\b|kernel-semantics\.md", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutsideReference();

    private static IEnumerable<string> TextFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                if (IsText(file))
                {
                    yield return file;
                }
            }
        }
    }

    // Binary files (a journal database, an image) hold a NUL byte early on; text files in this repository never do.
    private static bool IsText(string file)
    {
        Span<byte> head = stackalloc byte[4096];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return !head[..read].Contains((byte)0);
    }
}
