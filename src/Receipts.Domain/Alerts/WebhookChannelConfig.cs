namespace Receipts.Domain.Alerts;

/// <summary>A webhook channel from <c>receipts.yaml</c>. The URL is given directly or read from an environment variable.</summary>
public sealed record WebhookChannelConfig
{
    /// <summary>The URL written in the file; null when <see cref="UrlVariable"/> names it.</summary>
    public string? Url { get; init; }

    /// <summary>Environment variable holding the URL (Slack webhook URLs are secrets).</summary>
    public string? UrlVariable { get; init; }

    /// <summary>Default <see cref="WebhookFormat.Slack"/>.</summary>
    public WebhookFormat Format { get; init; } = WebhookFormat.Slack;

    /// <summary>A name for listings and delivery records; default <c>webhook-N</c>.</summary>
    public required string Name { get; init; }
}
