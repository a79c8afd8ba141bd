using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Configuration;

/// <summary>config/reference.conf, embedded in the hotplug assembly so that every working directory sees the same defaults.</summary>
internal static class ReferenceConfig
{
    /// <summary>The name values from reference.conf carry in their origins.</summary>
    public const string SourceName = "config/reference.conf";

    private const string ResourceName = "HotplugCluster.Cli.reference.conf";

    /// <summary>The text of the embedded reference.conf.</summary>
    public static string Text { get; } = ReadText();

    /// <summary>Parses and resolves reference.conf on its own, as the spec's conventions ask for reference configuration.</summary>
    public static Config Load(ConfigResolveOptions options) => ConfigFactory.ParseString(Text, SourceName).Resolve(options);

    private static string ReadText()
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the hotplug assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
