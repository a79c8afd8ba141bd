using HotplugCluster.Hocon.Parsing;

namespace HotplugCluster.Hocon;

/// <summary>Entry points that parse HOCON text or files into an unresolved <see cref="Config"/>.</summary>
public static class ConfigFactory
{
    /// <summary>
    /// Parses HOCON text. <paramref name="source"/> names it in origins and errors; relative includes are resolved against
    /// <paramref name="baseDirectory"/>, and are missing when it is null.
    /// </summary>
    public static Config ParseString(string text, string source = "string", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Config(Parser.ParseDocument(text, new ParseContext(source, baseDirectory, HoconPath.Empty, [])));
    }

    /// <summary>Parses a HOCON (or JSON) file; origins name it as <paramref name="path"/> was given, includes resolve next to it.</summary>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new HoconException(new ConfigOrigin(path, 1, 1), "expected a configuration file here, but it does not exist");
        }

        var text = IncludeLoader.ReadText(path, new ConfigOrigin(path, 1, 1));
        var context = new ParseContext(path, Path.GetDirectoryName(path), HoconPath.Empty, [Path.GetFullPath(path)]);
        return new Config(Parser.ParseDocument(text, context));
    }

    /// <summary>Parses and resolves <paramref name="text"/> in one step.</summary>
    public static Config ParseAndResolve(string text, string source = "string", ConfigResolveOptions? options = null) =>
        ParseString(text, source).Resolve(options);
}
