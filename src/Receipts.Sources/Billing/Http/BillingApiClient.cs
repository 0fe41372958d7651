using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Receipts.Sources.Billing.Http;

/// <summary>
/// GETs JSON from one provider's admin API with its auth headers, turning failures into plain messages:
/// 401/403 name the secret's variable, other errors give the status and the API's own error message,
/// a body that is not JSON says so. Never logs or echoes the secret.
/// </summary>
public sealed class BillingApiClient(HttpClient http, BillingApiOptions options, Action<HttpRequestHeaders> authenticate) : IDisposable
{
    public string SecretName => options.SecretName;

    /// <summary>Pages and lists fetched (each counted once, however many retries it took).</summary>
    public int Requests { get; private set; }

    public async Task<JsonDocument> GetAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUrl);
        authenticate(request.Headers);
        Requests++;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            throw new BillingApiException($"Cannot reach {Describe(relativeUrl)}: {e.Message}", "Check the network and --api-url.", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new BillingApiException(
                    $"{Describe(relativeUrl)} answered {(int)response.StatusCode} {response.StatusCode}: the key in {options.SecretName} was refused{ErrorMessage(body)}.",
                    $"Set {options.SecretName} to an admin key of the organisation (not a workspace or project key), or pass --key-file.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new BillingApiException(
                    $"{Describe(relativeUrl)} answered {(int)response.StatusCode} {response.ReasonPhrase}{ErrorMessage(body)}.",
                    (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                        ? "The API kept failing after retries; try again later."
                        : "Check --since/--until and --api-url.");
            }

            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new BillingApiException($"{Describe(relativeUrl)} answered with malformed JSON ({e.Message}); nothing was imported.", "Try again; if it persists the API may have changed.", e);
            }
        }
    }

    public void Dispose() => http.Dispose();

    private string Describe(string relativeUrl)
    {
        var query = relativeUrl.IndexOf('?', StringComparison.Ordinal);
        return new Uri(http.BaseAddress!, query < 0 ? relativeUrl : relativeUrl[..query]).AbsoluteUri;
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return ": " + message.GetString();
            }
        }
        catch (JsonException)
        {
        }

        return string.Empty;
    }
}
