namespace Receipts.Domain.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
