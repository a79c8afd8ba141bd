namespace HotplugCluster.Actors.Dispatch;

/// <summary>Sees every user message a deterministic dispatcher delivers, in delivery order (on the driving thread).</summary>
public interface IDeliveryObserver
{
    /// <summary>Called just before <paramref name="message"/> reaches the behaviour of actor <paramref name="receiverId"/>;
    /// <paramref name="senderId"/> is -1 when the sender is not an actor (no sender, an Ask, a timer).</summary>
    void OnDelivery(long stepNumber, long receiverId, long senderId, object message);
}
