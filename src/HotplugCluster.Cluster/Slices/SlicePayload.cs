using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using HotplugCluster.Fleet.Results;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// What slices carry, Brotli-compressed: the fleet (HOCON text, as the submitter read it) and a slice's host results
/// (JSON of <see cref="HostResult"/>; integers and strings only, so they decode to exactly what was computed).
/// </summary>
public static class SlicePayload
{
    /// <summary>The fleet text, compressed.</summary>
    public static byte[] EncodeJob(string fleet) => Compress(Encoding.UTF8.GetBytes(fleet));

    /// <summary>The fleet text of <see cref="EncodeJob"/>.</summary>
    public static string DecodeJob(byte[] job) => Encoding.UTF8.GetString(Decompress(job));

    /// <summary>The hosts, compressed.</summary>
    public static byte[] EncodeHosts(ImmutableArray<HostResult> hosts) => Compress(JsonSerializer.SerializeToUtf8Bytes(hosts));

    /// <summary>The hosts of <see cref="EncodeHosts"/>.</summary>
    public static ImmutableArray<HostResult> DecodeHosts(byte[] hosts) =>
        JsonSerializer.Deserialize<ImmutableArray<HostResult>>(Decompress(hosts));

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
