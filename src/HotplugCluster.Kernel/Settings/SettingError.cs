namespace HotplugCluster.Kernel.Settings;

/// <summary>A rejected host setting: the setting's path (e.g. <c>cxl-devices[0].capacity</c>) and why.</summary>
public sealed record SettingError(string Setting, string Message)
{
    public override string ToString() => $"{Setting}: {Message}";
}
