namespace HotplugCluster.Kernel;

/// <summary>A Linux errno as a write to sysfs returns it: number, name and <c>strerror()</c> text (glibc).</summary>
public readonly record struct Errno(int Code, string Name, string Message)
{
    public static Errno EPERM { get; } = new(1, "EPERM", "Operation not permitted");

    public static Errno ENOENT { get; } = new(2, "ENOENT", "No such file or directory");

    public static Errno EINTR { get; } = new(4, "EINTR", "Interrupted system call");

    public static Errno ENXIO { get; } = new(6, "ENXIO", "No such device or address");

    public static Errno E2BIG { get; } = new(7, "E2BIG", "Argument list too long");

    public static Errno EAGAIN { get; } = new(11, "EAGAIN", "Resource temporarily unavailable");

    public static Errno ENOMEM { get; } = new(12, "ENOMEM", "Cannot allocate memory");

    public static Errno EACCES { get; } = new(13, "EACCES", "Permission denied");

    public static Errno EBUSY { get; } = new(16, "EBUSY", "Device or resource busy");

    public static Errno EEXIST { get; } = new(17, "EEXIST", "File exists");

    public static Errno ENODEV { get; } = new(19, "ENODEV", "No such device");

    public static Errno EISDIR { get; } = new(21, "EISDIR", "Is a directory");

    public static Errno EINVAL { get; } = new(22, "EINVAL", "Invalid argument");

    public static Errno ENOSPC { get; } = new(28, "ENOSPC", "No space left on device");

    public static Errno ERANGE { get; } = new(34, "ERANGE", "Numerical result out of range");

    public static Errno EOPNOTSUPP { get; } = new(95, "EOPNOTSUPP", "Operation not supported");

    public static Errno EHWPOISON { get; } = new(133, "EHWPOISON", "Memory page has hardware error");

    private static readonly Errno[] Known =
    [
        EPERM, ENOENT, EINTR, ENXIO, E2BIG, EAGAIN, ENOMEM, EACCES, EBUSY, EEXIST, ENODEV, EISDIR, EINVAL,
        ENOSPC, ERANGE, EOPNOTSUPP, EHWPOISON,
    ];

    /// <summary>The errno with this positive number; unknown numbers get glibc's "Unknown error N".</summary>
    public static Errno FromCode(int code)
    {
        foreach (var e in Known)
        {
            if (e.Code == code)
            {
                return e;
            }
        }

        return new Errno(code, $"E{code}", $"Unknown error {code}");
    }

    /// <summary>The kernel's negative return value (<c>-EBUSY</c> = -16).</summary>
    public int KernelReturn => -Code;

    public override string ToString() => $"{Name} ({Message})";
}
