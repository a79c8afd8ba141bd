using System.Collections.Immutable;

namespace HotplugCluster.Actors;

/// <summary>Publishes events (dead letters, actor failures) to the actors subscribed to their type, in subscription order.</summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private ImmutableArray<(IActorRef Subscriber, Type Channel)> _subscriptions = [];

    /// <summary>Delivers every published event assignable to <paramref name="channel"/> to <paramref name="subscriber"/>; false if already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (_subscriptions.Contains((subscriber, channel)))
            {
                return false;
            }

            _subscriptions = _subscriptions.Add((subscriber, channel));
            return true;
        }
    }

    /// <summary>Removes the subscription to <paramref name="channel"/>, or all of the subscriber's when null; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            var kept = _subscriptions.RemoveAll(s => s.Subscriber == subscriber && (channel is null || s.Channel == channel));
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    /// <summary>Tells <paramref name="event"/> to every subscriber of a matching channel, without a sender.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var (subscriber, channel) in _subscriptions)
        {
            if (channel.IsInstanceOfType(@event))
            {
                subscriber.Tell(@event, null);
            }
        }
    }
}
