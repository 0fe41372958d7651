using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;

namespace Receipts.Sources.Tests.Fakes;

/// <summary>
/// An <see cref="IOutcomeStore"/> in memory that keeps the contract the clients rely on: a write with its
/// cursors is all or nothing, and the same change (repo, id) or event (id) written again replaces the copy.
/// It counts writes, so tests can prove a run wrote nothing.
/// </summary>
internal sealed class InMemoryOutcomeStore : IOutcomeStore
{
    private readonly Dictionary<(string Repo, string Id), Change> _changes = [];
    private readonly Dictionary<string, TicketEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string Key), SourceCursor> _cursors = [];

    /// <summary>Store calls that wrote something (facts or cursors).</summary>
    public int Writes { get; private set; }

    /// <summary>When set, the next write throws before changing anything.</summary>
    public bool FailNextWrite { get; set; }

    public IReadOnlyCollection<Change> Changes => _changes.Values;

    public IReadOnlyCollection<TicketEvent> Events => _events.Values;

    public Task<IReadOnlyDictionary<string, SourceCursor>> GetCursorsAsync(string source, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, SourceCursor> found = _cursors.Values
            .Where(c => c.Source == source)
            .ToDictionary(c => c.Key, StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    public Task WriteChangesAsync(IReadOnlyCollection<Change> changes, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        Fail();
        foreach (var change in changes)
        {
            _changes[(change.Repo, change.Id)] = change;
        }

        Keep(cursors);
        return Task.CompletedTask;
    }

    public Task<int> DeleteChangesAsync(string repo, string source, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        Fail();
        var deleted = 0;
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (_changes.TryGetValue((repo, id), out var change) && change.Source == source && _changes.Remove((repo, id)))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    public Task WriteTicketEventsAsync(IReadOnlyCollection<TicketEvent> events, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        Fail();
        foreach (var ticketEvent in events)
        {
            _events[ticketEvent.Id] = ticketEvent;
        }

        Keep(cursors);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Change>> ReadChangesAsync(ChangeFilter filter, CancellationToken cancellationToken)
    {
        IReadOnlyList<Change> found = [.. _changes.Values
            .Where(c => filter.Repo is null || c.Repo == filter.Repo)
            .Where(c => filter.Since is null || c.MergedAt >= filter.Since)
            .Where(c => filter.Until is null || c.MergedAt < filter.Until)
            .OrderBy(c => c.MergedAt)];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<TicketEvent>> ReadTicketEventsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TicketEvent> found = [.. _events.Values.OrderBy(e => e.At)];
        return Task.FromResult(found);
    }

    private void Fail()
    {
        if (FailNextWrite)
        {
            FailNextWrite = false;
            throw new InvalidOperationException("Injected store failure.");
        }

        Writes++;
    }

    private void Keep(IReadOnlyCollection<SourceCursor> cursors)
    {
        foreach (var cursor in cursors)
        {
            _cursors[(cursor.Source, cursor.Key)] = cursor;
        }
    }

    private readonly List<TeamWindowChange> _windows = [];

    public Task WriteTeamWindowChangeAsync(TeamWindowChange change, CancellationToken cancellationToken)
    {
        _windows.Add(change);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TeamWindowChange>> ReadTeamWindowChangesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TeamWindowChange>>([.. _windows]);
}
