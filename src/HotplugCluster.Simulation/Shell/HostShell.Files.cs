using HotplugCluster.Kernel;

namespace HotplugCluster.Simulation.Shell;

/// <summary>cat, echo, ls and dmesg.</summary>
public sealed partial class HostShell
{
    private int Cat(CatCommand c, TextWriter output)
    {
        var status = 0;
        foreach (var path in c.Paths)
        {
            var r = _fs.Read(path);
            if (r.Ok)
            {
                output.Write(r.Content);
            }
            else
            {
                output.WriteLine($"cat: {path}: {r.Error!.Value.Message}");
                status = 1;
            }
        }

        return status;
    }

    /// <summary>A failed write prints <c>write error: &lt;strerror&gt; (&lt;ERRNO&gt;)</c> and exits 1, as echo does.</summary>
    private int Echo(EchoCommand c, TextWriter output)
    {
        var w = _fs.Write(c.Path, c.NoNewline ? c.Value : c.Value + "\n");
        if (w.Ok)
        {
            return 0;
        }

        output.WriteLine(WriteError(w.Error!.Value));
        return 1;
    }

    private int Ls(LsCommand c, TextWriter output)
    {
        var names = _fs.List(c.Path);
        if (names is null)
        {
            if (_fs.Read(c.Path).Ok)
            {
                output.WriteLine(c.Path);
                return 0;
            }

            output.WriteLine($"ls: cannot access '{c.Path}': No such file or directory");
            return 2;
        }

        foreach (var n in names)
        {
            output.WriteLine(n);
        }

        return 0;
    }

    private int Dmesg(DmesgCommand c, TextWriter output)
    {
        var lines = Console.State.Dmesg.Lines;
        for (var i = c.Clear ? _dmesgRead : 0; i < lines.Count; i++)
        {
            output.WriteLine(lines[i]);
        }

        if (c.Clear)
        {
            _dmesgRead = lines.Count;
        }

        return 0;
    }

    /// <summary>The text a failed sysfs write shows.</summary>
    public static string WriteError(Errno error) => $"write error: {error.Message} ({error.Name})";
}
