namespace HotplugCluster.Actors.Collections;

/// <summary>
/// A table by number whose entries are made in pages of 256 as they are first set: a fleet host has thousands of numbered
/// things (memory blocks, their actors, their streams) and touches the few ranges its operations reach, so a flat array of
/// every number was mostly nulls (and grew by copying). One owner writes it; it is not thread-safe.
/// </summary>
/// <typeparam name="T">The entries (null is "unset").</typeparam>
public sealed class PagedTable<T>
    where T : class
{
    private const int PageBits = 8;
    private const int PageSize = 1 << PageBits;

    private T?[]?[] _pages = [];

    /// <summary>One past the highest number that has a page slot (every number below it reads, unset ones as null).</summary>
    public uint End => (uint)_pages.Length << PageBits;

    /// <summary>The entry of <paramref name="id"/>, or null.</summary>
    public T? this[uint id]
    {
        get
        {
            var pages = _pages;
            var page = id >> PageBits;
            return page < (uint)pages.Length && pages[page] is { } entries ? entries[id & (PageSize - 1)] : null;
        }
    }

    /// <summary>Sets (or clears, with null) the entry of <paramref name="id"/>.</summary>
    public void Set(uint id, T? value)
    {
        var page = id >> PageBits;
        if (page >= (uint)_pages.Length)
        {
            if (value is null)
            {
                return;
            }

            Reserve(id + 1);
        }

        var entries = _pages[page];
        if (entries is null)
        {
            if (value is null)
            {
                return;
            }

            entries = _pages[page] = new T?[PageSize];
        }

        entries[id & (PageSize - 1)] = value;
    }

    /// <summary>Makes room for numbers below <paramref name="end"/> in the page directory (pages are still made when first set).</summary>
    public void Reserve(uint end)
    {
        var pages = (int)((end + PageSize - 1) >> PageBits);
        if (pages > _pages.Length)
        {
            Array.Resize(ref _pages, Math.Max(pages, _pages.Length * 2));
        }
    }
}
