namespace Receipts.Domain.Alerts;

/// <summary>An email channel from <c>receipts.yaml</c>. Credentials come from environment variables only.</summary>
public sealed record SmtpChannelConfig
{
    public required string Name { get; init; }

    public required string Host { get; init; }

    /// <summary>Default 587.</summary>
    public int Port { get; init; } = 587;

    /// <summary>STARTTLS. Default true.</summary>
    public bool Tls { get; init; } = true;

    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    /// <summary>Environment variable holding the user name; null for no authentication.</summary>
    public string? UserVariable { get; init; }

    /// <summary>Environment variable holding the password.</summary>
    public string? PasswordVariable { get; init; }
}
