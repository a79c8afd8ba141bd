using System.Text;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Parsing;

/// <summary>Finds and parses included files relative to the including file (never the working directory), per the spec.</summary>
internal static class IncludeLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the included object, or null when a non-required include names no existing file.</summary>
    public static ConfigObject? Load(IncludeRequest request, ParseContext context, HoconPath prefix)
    {
        // "file: URLs should behave in exactly the same way as a plain filename."
        if (request.Kind is IncludeKind.Heuristic or IncludeKind.Url
            && Uri.TryCreate(request.Name, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            request = request with { Kind = IncludeKind.File, Name = uri.LocalPath };
        }

        if (request.Kind == IncludeKind.Url || request.Kind == IncludeKind.Classpath
            || (request.Kind == IncludeKind.Heuristic && request.Name.Contains("://", StringComparison.Ordinal)))
        {
            throw new HoconException(request.Origin, $"expected a file include: url and classpath includes are not supported ('{request.Name}')");
        }

        string basePath;
        if (Path.IsPathRooted(request.Name))
        {
            basePath = request.Name;
        }
        else if (context.Directory is not null)
        {
            basePath = Path.Combine(context.Directory, request.Name);
        }
        else if (request.Required)
        {
            throw new HoconException(request.Origin, $"cannot locate required include '{request.Name}': {context.Source} has no directory to resolve it against");
        }
        else
        {
            return null;
        }

        // A name without an extension is a basename: every known format is loaded, HOCON last (spec: file formats and extensions).
        string[] candidates = Path.HasExtension(basePath) ? [basePath] : [basePath + ".json", basePath + ".conf"];
        var existing = candidates.Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            if (request.Required)
            {
                throw new HoconException(request.Origin, $"required include '{request.Name}' not found (looked for {string.Join(", ", candidates)})");
            }

            return null;
        }

        ConfigObject? result = null;
        foreach (var file in existing)
        {
            var parsed = ParseFile(file, request, context, prefix);
            result = result is null ? parsed : Merger.MergeObjects(result, parsed);
        }

        return result;
    }

    private static ConfigObject ParseFile(string file, IncludeRequest request, ParseContext context, HoconPath prefix)
    {
        var full = Path.GetFullPath(file);
        if (context.IncludeChain.Contains(full))
        {
            throw new HoconException(request.Origin, $"include cycle: {string.Join(" -> ", context.IncludeChain.Append(full))}");
        }

        var text = ReadText(file, request.Origin);
        var nested = new ParseContext(file, Path.GetDirectoryName(file), prefix, [.. context.IncludeChain, full], context.Depth);
        return Parser.ParseDocument(text, nested);
    }

    /// <summary>Reads a configuration file as strict UTF-8, turning I/O failures into configuration errors at <paramref name="at"/>.</summary>
    public static string ReadText(string file, ConfigOrigin at)
    {
        try
        {
            return File.ReadAllText(file, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw new HoconException(new ConfigOrigin(file, 1, 1), "expected UTF-8 text, found invalid bytes");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(at, $"cannot read '{file}': {e.Message}");
        }
    }
}
