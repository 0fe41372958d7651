namespace Receipts.Server.Ingest;

/// <summary>
/// The 200 body of a committed batch: distinct records, of which new, fuller copies that replaced older ones, and
/// copies already stored. The three counts are null when the batch was committed in one group with others that
/// shared ids with it (group commit on the embedded store), so its own share cannot be told apart.
/// </summary>
public sealed record IngestResponse(int Accepted, int? Inserted, int? Replaced, int? Unchanged);
