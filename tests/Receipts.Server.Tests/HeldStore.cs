using System.Reflection;
using Receipts.Domain.Storage;

namespace Receipts.Server.Tests;

/// <summary>
/// A store whose writes are counted, wait while held (<see cref="Hold"/> … <see cref="Release"/>), and fail once
/// <see cref="FailHeld"/> is called (the process died). Everything else goes to the real store.
/// </summary>
public class HeldStore : DispatchProxy
{
    private readonly Lock _lock = new();
    private int _calls;
    private TaskCompletionSource? _gate;
    private bool _failing;
    private IUsageStore _inner = null!;

    /// <summary>Writes begun so far, held or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static IUsageStore Wrap(IUsageStore inner)
    {
        var proxy = Create<IUsageStore, HeldStore>();
        ((HeldStore)(object)proxy)._inner = inner;
        return proxy;
    }

    public static HeldStore Of(IUsageStore proxy) => (HeldStore)(object)proxy;

    public void Hold()
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _gate?.TrySetResult();
            _gate = null;
        }
    }

    public void FailHeld()
    {
        lock (_lock)
        {
            _failing = true;
            _gate?.TrySetResult();
            _gate = null;
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(IUsageStore.WriteUsageAsync) ? WriteAsync(targetMethod, args) : targetMethod.Invoke(_inner, args);
    }

    private async Task<UsageWriteResult> WriteAsync(MethodInfo method, object?[]? args)
    {
        Interlocked.Increment(ref _calls);
        Task? gate;
        lock (_lock)
        {
            gate = _gate?.Task;
        }

        if (gate is not null)
        {
            await gate;
        }

        lock (_lock)
        {
            if (_failing)
            {
                throw new IOException("the process died before this commit");
            }
        }

        return await (Task<UsageWriteResult>)method.Invoke(_inner, args)!;
    }
}
