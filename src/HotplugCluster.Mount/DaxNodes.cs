using System.Runtime.InteropServices;
using System.Text;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Mount.Native;

namespace HotplugCluster.Mount;

/// <summary>
/// The <c>/dev/daxR.N</c> nodes of a running exec namespace, kept equal to the simulated dax devices. In the kernel the
/// node of a new dax device exists before the sysfs write that created it returns (devm_create_dev_dax() adds the device,
/// and devtmpfs_create_node(), drivers/base/devtmpfs.c, waits for the node), and device_del() removes it; udev only sets
/// modes and links afterwards. So after every write, before its reply, the nodes are made or removed in the namespace's
/// private <c>/dev</c>, reached through <c>/proc/PID/root</c>, and only while that <c>/dev</c> is the one exec-setup.sh mounted.
/// </summary>
internal sealed class DaxNodes
{
    private const uint CharDevice = 0x2000;  // S_IFCHR
    private const uint Mode = 0x180;         // 0600, as exec-setup.sh makes the first ones

    private readonly object _gate = new();
    private readonly SysfsFileSystem _fs;
    private readonly int _pid;
    private readonly Action<string> _problem;
    private IReadOnlyList<(string Name, int Minor)> _made;

    public DaxNodes(SysfsFileSystem fs, int pid, IReadOnlyList<(string Name, int Minor)> made, Action<string> problem)
    {
        _fs = fs;
        _pid = pid;
        _made = made;
        _problem = problem;
    }

    /// <summary>The simulated dax devices with their minor numbers, in the host's order.</summary>
    public static IReadOnlyList<(string Name, int Minor)> Devices(SysfsFileSystem fs) =>
        fs.WithHost(h => h.State.Dax.Devices.Select(d => (d.Name, SysfsLayout.DaxMinor(h.State, d))).ToList());

    /// <summary>Makes the nodes of new devices and removes those of deleted ones; problems are reported, never thrown (a write's reply does not depend on them, as a device_add() does not on devtmpfs).</summary>
    public void Sync()
    {
        lock (_gate)
        {
            var want = Devices(_fs);
            if (want.SequenceEqual(_made))
            {
                return;
            }

            var dev = $"/proc/{_pid}/root/dev";
            try
            {
                if (MountTable.At("/dev", $"/proc/{_pid}/mountinfo") is not [.., ("tmpfs", ExecNamespace.DevSource)])
                {
                    _problem($"the dax nodes were not updated: {dev} is not the namespace's private /dev");
                    return;
                }

                foreach (var gone in _made.Except(want))
                {
                    File.Delete($"{dev}/{gone.Name}");
                }

                foreach (var (name, minor) in want.Except(_made))
                {
                    if (LibFuse.Mknod(Encoding.UTF8.GetBytes($"{dev}/{name}\0"), CharDevice | Mode, MakeDev(SysfsLayout.DaxMajor, minor)) != 0)
                    {
                        _problem($"/dev/{name}: mknod failed (errno {Marshal.GetLastPInvokeError()})");
                    }
                }

                _made = want;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _problem($"the dax nodes were not updated: {e.Message}");
            }
        }
    }

    /// <summary>gnu_dev_makedev() of glibc's sys/sysmacros.h.</summary>
    private static ulong MakeDev(int major, int minor)
    {
        ulong ma = (uint)major, mi = (uint)minor;
        return ((ma & 0xfffff000) << 32) | ((ma & 0xfff) << 8) | ((mi & 0xffffff00) << 12) | (mi & 0xff);
    }
}
