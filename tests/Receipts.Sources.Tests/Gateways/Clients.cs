using Receipts.Sources.Billing.Http;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Gateways;

/// <summary>API options for a local server, with a clock that records retry delays instead of sleeping.</summary>
internal static class Clients
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    public static RecordingTimeProvider Clock() => new(Now);

    public static BillingApiOptions Options(Uri baseUrl, TimeProvider time, string secret = "test-secret", string name = "TEST_KEY") => new()
    {
        BaseUrl = baseUrl,
        Secret = secret,
        SecretName = name,
        Time = time,
        BaseDelay = TimeSpan.FromMilliseconds(10),
    };
}
