namespace Receipts.Cli.Commands.Import;

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (no synchronization context to post to).</summary>
internal sealed class ActionProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
