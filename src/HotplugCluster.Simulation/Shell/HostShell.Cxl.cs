using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// <c>cxl insert</c> / <c>cxl remove</c> / <c>cxl surprise-remove</c>: a CXL card arriving in or leaving its slot, as
/// kernel operations (<see cref="CxlMemdevInsert"/>, <see cref="CxlMemdevRemove"/>); and <c>signal</c>, which has no
/// lane to reach outside a stress run.
/// </summary>
public sealed partial class HostShell
{
    private int CxlInsert(CxlInsertCommand c, TextWriter output)
    {
        var op = Console.Run(new CxlMemdevInsert(c.Memdev));
        if (op.Error is { } e)
        {
            output.WriteLine($"cxl insert: {c.Memdev}: {e.Message} ({e.Name})");
            return 1;
        }

        var region = Console.State.CxlRegions.First(r => r.Memdev == c.Memdev);
        var dax = Console.State.Dax.Region(region.Id) is null ? "no dax region (range already busy System RAM)" : $"dax{region.Id}.0";
        output.WriteLine($"{c.Memdev}: inserted, region{region.Id}, {dax}");
        return 0;
    }

    private int CxlRemove(CxlRemoveCommand c, TextWriter output)
    {
        var verb = c.Surprise ? "surprise-remove" : "remove";
        var orphanedBefore = Console.State.OrphanedCxlMemory.Count;
        var op = Console.Run(new CxlMemdevRemove(c.Memdev, c.Surprise, SignalAfterAttempts()));
        if (op.Error is { } e)
        {
            output.WriteLine($"cxl {verb}: {c.Memdev}: {e.Message} ({e.Name})");
            return 1;
        }

        var orphaned = Console.State.OrphanedCxlMemory.Count - orphanedBefore;
        output.WriteLine(orphaned == 0
            ? $"{c.Memdev}: removed"
            : $"{c.Memdev}: removed; {orphaned} range(s) could not be hot-removed and stay System RAM until the next reboot");
        return 0;
    }

    /// <summary>Migration passes before the user's signal, as the console's sysfs writes get them.</summary>
    private int? SignalAfterAttempts() => Console switch
    {
        Hosts.SimulatedHost h => h.SignalAfterAttempts,
        KernelHostConsole k => k.Host.SignalAfterAttempts,
        _ => null,
    };

    private static int NoLanes(SignalCommand c, TextWriter output)
    {
        output.WriteLine($"signal: {c.Lane}: no lanes here (signal reaches another lane's operation in a stress scenario)");
        return 1;
    }
}
