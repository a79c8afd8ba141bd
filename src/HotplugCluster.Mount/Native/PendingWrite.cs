namespace HotplugCluster.Mount.Native;

/// <summary>
/// A client's write(2) running on a pool thread: the store goes to the host as an operation (<see cref="SysfsFileSystem.Write"/>)
/// and the reply leaves from this thread when it ends, so the reader thread serves other requests meanwhile and two writers
/// race on the host's actors. <paramref name="written"/> runs between the write and its reply. The client waits for the
/// reply even when killed (request_wait_answer(), fs/fuse/dev.c).
/// </summary>
internal sealed class PendingWrite(IntPtr req, SysfsFileSystem fs, string path, byte[] data, CountdownEvent writes, Action written) : IThreadPoolWorkItem
{
    private const int EIO = 5;

    public void Execute()
    {
        try
        {
            int reply;
            try
            {
                var result = fs.Write(path, data);
                reply = result.Error is { } e ? -e.Code : result.Bytes;
            }
            catch (Exception)
            {
                reply = -EIO;
            }

            try
            {
                written();
            }
            catch (Exception)
            {
                // The write's result stands; names it could not invalidate expire with their timeout.
            }

            _ = reply < 0 ? LibFuse.ReplyErr(req, -reply) : LibFuse.ReplyWrite(req, (nuint)reply);
        }
        finally
        {
            writes.Signal();
        }
    }
}
