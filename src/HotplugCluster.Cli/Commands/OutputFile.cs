namespace HotplugCluster.Cli.Commands;

/// <summary>
/// Writes a command's output files all or nothing: the path is checked first (not a folder, its folder exists), the
/// content goes to a temporary file beside it that is renamed over the path at the end, so a failure leaves no empty
/// or half-written file. Errors are <see cref="OutputFileException"/>s naming the path.
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (Directory.Exists(path))
        {
            throw new OutputFileException($"--out {path}: is a directory; name a file");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new OutputFileException($"--out {path}: the folder {folder} does not exist");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new OutputFileException($"--out {path}: cannot write it ({e.Message})");
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Checks up front that <paramref name="folder"/> can take output files: it is not a file, and it exists or can be
    /// created (with its parents), and is writable.
    /// </summary>
    public static void PrepareFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new OutputFileException($"--out {folder}: is a file; name a folder for the output files");
        }

        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test.{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"--out {folder}: cannot write there ({e.Message})");
        }
    }
}
