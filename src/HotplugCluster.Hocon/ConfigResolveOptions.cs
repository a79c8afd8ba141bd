namespace HotplugCluster.Hocon;

/// <summary>How substitutions are resolved: which environment variables back substitutions the configuration does not set.</summary>
public sealed record ConfigResolveOptions
{
    /// <summary>Resolve against the process environment.</summary>
    public static ConfigResolveOptions Default { get; } = new();

    /// <summary>
    /// The environment variables substitutions fall back to; null reads the process environment. Tests inject a dictionary
    /// here instead of mutating the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>When false, substitutions never fall back to environment variables.</summary>
    public bool UseEnvironment { get; init; } = true;

    internal string? LookupEnvironment(string name)
    {
        if (!UseEnvironment)
        {
            return null;
        }

        if (Environment is not null)
        {
            return Environment.TryGetValue(name, out var value) ? value : null;
        }

        return System.Environment.GetEnvironmentVariable(name);
    }
}
