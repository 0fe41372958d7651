using System.Net.Http.Headers;
using System.Text;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Cursor;

/// <summary>Cursor's Admin API: HTTP Basic with the admin key as the user name and an empty password.</summary>
public static class CursorAdminApi
{
    public const string DefaultBaseUrl = "https://api.cursor.com";

    public const string SecretVariable = "CURSOR_ADMIN_KEY";

    public static BillingApiClient Create(BillingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Secret + ":"));
        return new BillingApiClient(BillingHttp.CreateClient(options), options, headers =>
            headers.Authorization = new AuthenticationHeaderValue("Basic", basic));
    }
}
