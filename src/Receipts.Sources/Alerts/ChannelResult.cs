namespace Receipts.Sources.Alerts;

/// <summary>What one channel did with one alert: delivered or not, after how many attempts, the last error.</summary>
public sealed record ChannelResult(bool Delivered, int Attempts, string? Error);
