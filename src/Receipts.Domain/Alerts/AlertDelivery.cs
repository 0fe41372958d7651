namespace Receipts.Domain.Alerts;

/// <summary>How sending one alert to one channel went: delivered or not, after how many attempts, the last error.</summary>
public sealed record AlertDelivery(string AlertKey, string Channel, bool Delivered, int Attempts, string? Error, DateTimeOffset At);
