using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>A single-threaded mailbox: a ring buffer of user messages (which supports pushing to the front for unstash) and a system queue.</summary>
internal sealed class DeterministicMailbox
{
    // Small on purpose: most actors hold one or two messages at a time, and a mailbox is kept once allocated.
    private Envelope[] _user = new Envelope[2];
    private int _head;
    private Queue<SystemMessage>? _system;

    public int UserCount { get; private set; }

    public int SystemCount => _system?.Count ?? 0;

    public void EnqueueUser(Envelope envelope)
    {
        if (UserCount == _user.Length)
        {
            Grow();
        }

        var tail = _head + UserCount;
        if (tail >= _user.Length)
        {
            tail -= _user.Length;
        }

        _user[tail] = envelope;
        UserCount++;
    }

    public Envelope DequeueUser()
    {
        var envelope = _user[_head];
        _user[_head] = default;
        if (++_head == _user.Length)
        {
            _head = 0;
        }

        UserCount--;
        return envelope;
    }

    public void PushFront(Envelope[] envelopes)
    {
        for (var i = envelopes.Length - 1; i >= 0; i--)
        {
            if (UserCount == _user.Length)
            {
                Grow();
            }

            _head = _head == 0 ? _user.Length - 1 : _head - 1;
            _user[_head] = envelopes[i];
            UserCount++;
        }
    }

    public void EnqueueSystem(SystemMessage message) => (_system ??= new Queue<SystemMessage>()).Enqueue(message);

    public SystemMessage DequeueSystem() => _system!.Dequeue();

    private void Grow()
    {
        var bigger = new Envelope[_user.Length * 2];
        for (var i = 0; i < UserCount; i++)
        {
            bigger[i] = _user[(_head + i) % _user.Length];
        }

        _user = bigger;
        _head = 0;
    }
}
