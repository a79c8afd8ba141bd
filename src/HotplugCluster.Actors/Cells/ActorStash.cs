namespace HotplugCluster.Actors.Cells;

/// <summary>The stash of one actor; created the first time the actor touches <see cref="ActorBase.Stash"/>.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = ActorCell.CurrentEnvelope;
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message) && _stashed[^1].Sender == current.Sender)
        {
            throw new InvalidOperationException($"{cell.Path}: the current message is already stashed");
        }

        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Dispatcher.Prepend(cell, [first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var all = _stashed.ToArray();
        _stashed.Clear();
        cell.Dispatcher.Prepend(cell, all);
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(e => e.Message).ToArray();
        _stashed.Clear();
        return messages;
    }

    internal Envelope[] TakeAll()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
