namespace Receipts.Server.Apis;

public sealed record HealthResponse(string Status, string Store);
