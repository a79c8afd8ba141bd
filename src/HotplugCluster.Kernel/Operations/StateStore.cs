using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A write to memoryN/state: the four strings only (-EINVAL otherwise); already in the requested state is
/// -EINVAL.
/// </summary>
/// <remarks>drivers/base/memory.c <c>state_store()</c>; <c>lock_device_hotplug_sysfs()</c> retries transparently.</remarks>
public sealed class StateStore(BlockId block, string value, int? signalAfterAttempts) : SelfWalkingOperation
{
    // The steps are walked by the operation itself, not by a compiler iterator: a fleet host makes a thousand of these (one per
    // "offline" write), and the iterator was a second object for each. It runs once, as every operation does:
    //   Unparsed  -> EINVAL, or lock device_hotplug
    //   Locked    -> the nested device_online() / device_offline(), one step at a time
    //   Nested    -> its steps, then unlock device_hotplug
    //   Unlocked  -> the errno: the nested operation's, or -EINVAL when it was already in that state
    private Stage _stage;
    private OnlineType _type;
    private KernelOperation? _op;
    private IEnumerator<KernelStep>? _steps;

    private enum Stage : byte
    {
        Unparsed = 0,
        Locked = 1,
        Nested = 2,
        Unlocked = 3,
        Done = 4,
    }

    public override string Name => "state_store";

    protected override bool Walk()
    {
        switch (_stage)
        {
            case Stage.Unparsed:
                if (SysfsParse.OnlineTypeFromStr(value) is not { } type)
                {
                    Error = Errno.EINVAL;
                    _stage = Stage.Done;
                    return false;
                }

                _type = type;
                _stage = Stage.Locked;
                return Yield(Acquire(KernelLock.DeviceHotplug));
            case Stage.Locked:
                _op = Nested<KernelOperation>(_type == OnlineType.Offline
                    ? new MemoryBlockOffline(block, signalAfterAttempts)
                    : new MemoryBlockOnline(block, _type));
                _steps = _op.Steps().GetEnumerator();
                _stage = Stage.Nested;
                return NextNested();
            case Stage.Nested:
                return NextNested();
            case Stage.Unlocked:
                Error = _op!.Error ?? (_op.ReturnValue > 0 ? Errno.EINVAL : null);
                _stage = Stage.Done;
                return false;
            default:
                return false;
        }
    }

    private bool NextNested()
    {
        if (_steps!.MoveNext())
        {
            return Yield(_steps.Current);
        }

        _steps.Dispose();
        _steps = null;
        _stage = Stage.Unlocked;
        return Yield(Release(KernelLock.DeviceHotplug));
    }

    protected override void EndWalk()
    {
        // An iterator's finally: the nested steps' enumerator is disposed when the walk stops early.
        _steps?.Dispose();
        _steps = null;
        _stage = Stage.Done;
    }
}
