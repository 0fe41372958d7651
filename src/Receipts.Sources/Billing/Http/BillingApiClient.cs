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

    public Task<JsonDocument> GetAsync(string relativeUrl, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relativeUrl, null, authenticated: true, cancellationToken);

    /// <summary>POSTs a JSON body (Cursor's admin API, LangSmith and Portkey queries) and reads the JSON answer.</summary>
    public Task<JsonDocument> PostJsonAsync(string relativeUrl, string json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, relativeUrl, json, authenticated: true, cancellationToken);

    /// <summary>
    /// GETs a pre-signed download link (GitHub's metrics reports, Portkey's exports) as text, without the
    /// credential: the link carries its own signature, and the secret must not travel to another host.
    /// </summary>
    public async Task<string> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        Requests++;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            throw new BillingApiException($"Cannot download {url.GetLeftPart(UriPartial.Path)}: {e.Message}", "Check the network; download links expire, so run the import again.", e);
        }

        using (response)
        {
            return response.IsSuccessStatusCode
                ? await response.Content.ReadAsStringAsync(cancellationToken)
                : throw new BillingApiException(
                    $"Downloading {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing was imported.",
                    "Download links expire; run the import again.");
        }
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string relativeUrl, string? json, bool authenticated, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUrl);
        if (authenticated)
        {
            authenticate(request.Headers);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

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
