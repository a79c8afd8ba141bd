using System.CommandLine;
using System.Runtime.InteropServices;
using HotplugCluster.Mount;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug mount --host FILE MOUNTPOINT</c>: serves the host's sysfs (MOUNTPOINT/sys) and modelled procfs files
/// (MOUNTPOINT/proc) through FUSE until SIGINT or SIGTERM, then unmounts. Every write is an operation on the host's actors.
/// </summary>
internal static class MountCommand
{
    public static Command Create()
    {
        var host = new HostOptions();
        var mountpoint = new Argument<string>("MOUNTPOINT") { Description = "An existing empty directory; sys/ and proc/ appear below it." };
        var command = new Command("mount", "Serve a simulated host's /sys and modelled /proc files through FUSE until SIGINT or SIGTERM.");
        host.AddTo(command);
        command.Arguments.Add(mountpoint);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var settings = HostConfig.Read(host.Load(parse));
                using var simulated = SimulatedHost.Boot(settings);
                var fs = new SysfsFileSystem(simulated, simulated.System!);
                fs.Problem += message => error.WriteLine($"hotplug mount: {message}");
                using var stop = new ManualResetEventSlim();
                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop));
                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop));
                using (var mount = FuseMount.Start(fs, parse.GetValue(mountpoint)!))
                {
                    output.WriteLine($"serving {simulated.Name} on {mount.Mountpoint} (sys/, proc/); SIGINT or SIGTERM unmounts");
                    output.Flush();
                    stop.Wait();
                }

                output.WriteLine($"unmounted; {fs.Writes.Count} write(s) served");
                return 0;
            }
            catch (Exception e) when (HostOptions.IsUserError(e))
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.ExitCodeOf(e);
            }
        });
        return command;
    }

    private static void Stop(PosixSignalContext context, ManualResetEventSlim stop)
    {
        context.Cancel = true;
        stop.Set();
    }
}
