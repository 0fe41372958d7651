namespace Receipts.Server.Ingest;

/// <summary>The 200 body of a committed batch: distinct records, of which new, fuller copies that replaced older ones, and copies already stored.</summary>
public sealed record IngestResponse(int Accepted, int Inserted, int Replaced, int Unchanged);
