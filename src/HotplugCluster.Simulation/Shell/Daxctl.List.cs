namespace HotplugCluster.Simulation.Shell;

/// <summary><c>daxctl list</c> (daxctl/list.c <c>cmd_list()</c>).</summary>
internal sealed partial class Daxctl
{
    /// <summary>
    /// Regions (with their devices when <c>-D</c> is also given) or devices, filtered by <c>-r</c> and <c>-d</c>;
    /// zero-sized devices only with <c>-i</c> (<c>util_daxctl_devs_to_list()</c>); nothing at all when none match.
    /// </summary>
    public int List(DaxctlListCommand c)
    {
        var regions = new List<IReadOnlyList<(string Key, object Value)>>();
        var devices = new List<IReadOnlyList<(string Key, object Value)>>();
        foreach (var (region, members) in Regions().Where(r => r.Region.Matches(c.Region)))
        {
            var listed = c.Devices || !c.Regions
                ? members.Where(d => d.Matches(c.Device) && (c.Idle || d.Size > 0)).Select(d => DaxctlJson.Device(d, c.Human, c.Mappings)).ToList()
                : [];
            if (c.Regions)
            {
                regions.Add(DaxctlJson.Region(region, c.Human, c.Devices ? listed : null));
            }
            else
            {
                devices.AddRange(listed);
            }
        }

        var shown = c.Regions ? regions : devices;
        if (shown.Count > 0)
        {
            output.Write(DaxctlJson.Display(shown, c.Human));
        }

        return 0;
    }
}
