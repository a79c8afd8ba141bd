namespace HotplugCluster.Kernel.Operations;

/// <summary>Who asked the driver core to bind a dax device; decides whether a probe error is returned.</summary>
public enum DaxAttachKind
{
    /// <summary>The bus probing a new device at registration: errors are logged, not returned.</summary>
    Boot = 0,

    /// <summary>A write to drivers/X/bind (<c>bind_store()</c>): the probe's errno is returned.</summary>
    BindFile = 1,

    /// <summary><c>driver_attach()</c> after new_id: errors are logged, not returned.</summary>
    NewId = 2,
}
