using System.Collections.Frozen;
using System.Runtime.InteropServices;
using HotplugCluster.Actors.Collections;
using HotplugCluster.Kernel.Events;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// The host's ordered event log: every event in the order its owner applied it, with its persistence id and
/// per-stream sequence number. This is the seam a journal replaces: owners append only through
/// <see cref="Actors.HostPartActor"/>'s commit.
/// </summary>
public sealed class HostEventLog
{
    private readonly List<LoggedEvent> _entries = [];

    // Looked up by key only, never enumerated for output, so its hash order cannot reach it. An owner asks for its
    // stream's cell once and appends through it, so an event costs no lookup.
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    // Block streams by block id, outside _streams: a fleet host's first commits reach ~2,000 blocks, and a table entry (with
    // its growth) and a formatted id apiece were ~4% of the bytes it allocated. _blockPrefix ("host/memory") is set by the
    // first block stream; a block stream's id is formatted only when read.
    private readonly PagedTable<Stream> _blockStreams = new();
    private string? _blockPrefix;

    /// <summary>Whether entries are kept (a fleet run that persists elsewhere turns it off; sequence numbers still advance).</summary>
    public bool Keep { get; set; } = true;

    /// <summary>The entries in apply order.</summary>
    public IReadOnlyList<LoggedEvent> Entries => _entries;

    /// <summary>The events alone, in apply order (what <c>KernelHost.Journal</c> holds for the same run).</summary>
    public IReadOnlyList<KernelEvent> Events => _entries.ConvertAll(e => e.Event);

    // Where a restored log's streams stood (shared, read-only, by every host restored from one snapshot); _streams holds
    // only the streams written since, each starting from its number here.
    private FrozenDictionary<string, long> _restored = FrozenDictionary<string, long>.Empty;

    /// <summary>The highest sequence number of a stream, 0 if it has none.</summary>
    public long HighestSequenceNr(string persistenceId) =>
        (_streams.TryGetValue(persistenceId, out var stream) ? stream : BlockStreamOf(persistenceId)) is { } open
            ? open.Highest
            : _restored.GetValueOrDefault(persistenceId);

    /// <summary>Every stream and its highest sequence number, for a snapshot (shared by the hosts restored from it).</summary>
    internal FrozenDictionary<string, long> Streams()
    {
        if (_streams.Count == 0 && _blockPrefix is null)
        {
            return _restored;
        }

        var all = new Dictionary<string, long>(_restored, StringComparer.Ordinal);
        foreach (var (pid, stream) in _streams)
        {
            all[pid] = stream.Highest;
        }

        for (var id = 0u; id < _blockStreams.End; id++)
        {
            if (_blockStreams[id] is { } stream)
            {
                all[stream.PersistenceId] = stream.Highest;
            }
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Starts this (empty) log where another host's stood: its streams' sequence numbers, and its entries when kept.</summary>
    internal void Restore(IReadOnlyList<LoggedEvent> entries, FrozenDictionary<string, long> streams)
    {
        if (_entries.Count > 0 || _streams.Count > 0 || _blockPrefix is not null || _restored.Count > 0)
        {
            throw new InvalidOperationException("only an empty event log can be restored");
        }

        if (Keep)
        {
            _entries.AddRange(entries);
        }

        _restored = streams;
    }

    /// <summary>The cell of <paramref name="persistenceId"/>'s stream (made on first use, continuing a restored stream's number); an owner keeps it.</summary>
    internal Stream StreamOf(string persistenceId)
    {
        if (BlockStreamOf(persistenceId) is { } block)
        {
            return block;
        }

        ref var stream = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, persistenceId, out var exists);
        if (!exists)
        {
            stream = new Stream(this, persistenceId);
        }

        return stream!;
    }

    /// <summary>
    /// The cell of block <paramref name="id"/>'s stream, <c>{streamPrefix}/memory{id}</c>, without formatting the id;
    /// <paramref name="slots"/>: how many block ids the table should hold. A block's stream is opened here (by its block
    /// actor, <see cref="Actors.BlockActor"/>); once it is, <see cref="StreamOf"/> and <see cref="HighestSequenceNr"/> find it
    /// by its persistence id too.
    /// </summary>
    internal Stream BlockStream(string streamPrefix, uint id, uint slots)
    {
        if (_blockPrefix is null)
        {
            _blockPrefix = streamPrefix + "/memory";
        }
        else if (_blockPrefix.Length != streamPrefix.Length + "/memory".Length || !_blockPrefix.StartsWith(streamPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"one event log holds one host's streams: '{streamPrefix}' is not '{_blockPrefix}'");
        }

        if (_blockStreams[id] is { } stream)
        {
            return stream;
        }

        _blockStreams.Reserve(Math.Max(id + 1, slots));
        stream = new Stream(this, id);
        _blockStreams.Set(id, stream);
        return stream;
    }

    /// <summary>The open block stream <paramref name="persistenceId"/> names (<c>{prefix}/memoryN</c>, N as formatted), or null.</summary>
    private Stream? BlockStreamOf(string persistenceId)
    {
        if (_blockPrefix is { } prefix
            && persistenceId.StartsWith(prefix, StringComparison.Ordinal)
            && HostDirectory.ParseNumber(persistenceId.AsSpan(prefix.Length), out var id)
            && _blockStreams[id] is { } stream
            && stream.PersistenceId.Length == persistenceId.Length)
        {
            // The length test rejects "memory007" and the like, which name no block stream.
            return stream;
        }

        return null;
    }

    /// <summary>Numbers <paramref name="e"/> next in <paramref name="stream"/> (a cell of this log) and keeps it when entries are kept.</summary>
    internal void Append(Stream stream, KernelEvent e)
    {
        if (Keep)
        {
            _entries.Add(new LoggedEvent(stream.PersistenceId, stream.Next(), e));
        }
        else
        {
            stream.Skip();
        }
    }

    /// <summary>
    /// One stream of this log: its persistence id and highest sequence number. A block actor respawned for a re-added block
    /// gets the same cell, so its stream continues. Where a restored stream stood is looked up only when a number is read:
    /// a fleet host that keeps no entries appends to a thousand streams and never asks (the lookup hashed the id in a
    /// table of every stream of the snapshot).
    /// </summary>
    internal sealed class Stream
    {
        private readonly HostEventLog _log;
        private readonly uint _block;
        private string? _persistenceId;
        private bool _restoredRead;
        private long _highest;

        public Stream(HostEventLog log, string persistenceId)
        {
            _log = log;
            _persistenceId = persistenceId;
            _restoredRead = log._restored.Count == 0;
        }

        /// <summary>Block <paramref name="block"/>'s stream: its id is formatted when first read (never, on a fleet host that keeps no entries).</summary>
        public Stream(HostEventLog log, uint block)
        {
            _log = log;
            _block = block;
            _restoredRead = log._restored.Count == 0;
        }

        public string PersistenceId =>
            _persistenceId ??= _log._blockPrefix + _block.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public long Highest
        {
            get
            {
                if (!_restoredRead)
                {
                    _highest += _log._restored.GetValueOrDefault(PersistenceId);
                    _restoredRead = true;
                }

                return _highest;
            }
        }

        /// <summary>The next sequence number, taken.</summary>
        public long Next()
        {
            var nr = Highest + 1;
            _highest = nr;
            return nr;
        }

        /// <summary>Takes the next sequence number without reading it.</summary>
        public void Skip() => _highest++;
    }
}
