namespace Receipts.Domain.Storage;

/// <summary>The read side of incremental sources: where each input was left. Cursors are written with the facts they reached.</summary>
public interface ICursorStore
{
    Task<IReadOnlyDictionary<string, SourceCursor>> GetCursorsAsync(string source, CancellationToken cancellationToken);
}
