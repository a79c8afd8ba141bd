using System.Collections.Immutable;

namespace HotplugCluster.Kernel.Settings;

/// <summary>Either a resolved <see cref="HostLayout"/> or the list of settings errors that prevent it.</summary>
public sealed record HostLayoutResult(HostLayout? Layout, ImmutableArray<SettingError> Errors)
{
    public bool IsValid => Layout is not null;

    /// <summary>The layout, or an <see cref="InvalidHostSettingsException"/> listing every error.</summary>
    public HostLayout GetOrThrow() => Layout ?? throw new InvalidHostSettingsException(Errors);
}
