namespace Receipts.Domain.Storage;

/// <summary>A view read whole: column names and the store's own type names, then the rows (DBNull as null).</summary>
public sealed record ViewContents(IReadOnlyList<(string Name, string StoreType)> Columns, IReadOnlyList<object?[]> Rows);
