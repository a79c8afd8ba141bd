namespace HotplugCluster.Kernel.Settings;

/// <summary>Thrown at boot when host settings describe an impossible topology; lists every error.</summary>
public sealed class InvalidHostSettingsException : Exception
{
    public InvalidHostSettingsException()
    {
        Errors = [];
    }

    public InvalidHostSettingsException(string message)
        : base(message)
    {
        Errors = [];
    }

    public InvalidHostSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public InvalidHostSettingsException(IReadOnlyList<SettingError> errors)
        : base("invalid host settings: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SettingError> Errors { get; }
}
