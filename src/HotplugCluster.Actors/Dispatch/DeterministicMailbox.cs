using System.Runtime.CompilerServices;
using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>A single-threaded mailbox: a ring buffer of user messages (which supports pushing to the front for unstash) and a system queue.</summary>
internal sealed class DeterministicMailbox
{
    // Small on purpose: most actors hold one or two messages at a time, and a mailbox is kept once allocated.
    private Envelope[] _user = new Envelope[2];
    private int _head;
    // The oldest system message inline, the rest queued: most actors only ever get one (a short-lived actor its Terminate),
    // which then costs no queue.
    private SystemMessage _firstSystem;
    private Queue<SystemMessage>? _system;

    public int UserCount { get; private set; }

    public int SystemCount { get; private set; }

    // Both inline into the dispatcher's post and step (one message each): a call apiece was a measurable share of a step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnqueueUser(Envelope envelope)
    {
        if (UserCount == _user.Length)
        {
            Grow();
        }

        var user = _user;
        var tail = _head + UserCount;
        if ((uint)tail >= (uint)user.Length)
        {
            tail -= user.Length;
        }

        user[tail] = envelope;
        UserCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Envelope DequeueUser()
    {
        var user = _user;
        var head = _head;
        var envelope = user[head];
        user[head] = default;
        _head = head + 1 == user.Length ? 0 : head + 1;
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

    public void EnqueueSystem(SystemMessage message)
    {
        if (SystemCount == 0)
        {
            _firstSystem = message;
        }
        else
        {
            (_system ??= new Queue<SystemMessage>()).Enqueue(message);
        }

        SystemCount++;
    }

    public SystemMessage DequeueSystem()
    {
        if (SystemCount == 0)
        {
            throw new InvalidOperationException("no system message");
        }

        var message = _firstSystem;
        SystemCount--;
        _firstSystem = SystemCount > 0 ? _system!.Dequeue() : default;
        return message;
    }

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
