namespace Receipts.Domain.Alerts;

/// <summary>The JSON a webhook receives: Slack's incoming-webhook shape, or Receipts' own generic shape.</summary>
public enum WebhookFormat
{
    Slack,
    Generic,
}
