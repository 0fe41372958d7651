using System.Net;
using System.Net.Http.Headers;

namespace Receipts.Sources.Hooks;

/// <summary>
/// POSTs a usage batch to <c>&lt;server&gt;/v1/hooks/usage</c> with the bearer token, within a timeout: through
/// <paramref name="client"/> when given, else (an <c>http://</c> server) with <see cref="PlainHttpPost"/>.
/// </summary>
internal sealed class HookSender(HttpClient? client, Uri endpoint, string? token, TimeProvider time)
{
    public const string Path = "v1/hooks/usage";

    public static Uri EndpointFor(string server) => new(new Uri(server.EndsWith('/') ? server : server + "/"), Path);

    public async Task<HookSendResult> SendAsync(byte[] body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return HookSendResult.Retry;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var status = client is null
                ? await PlainHttpPost.PostAsync(endpoint, token, body, timeoutSource.Token)
                : await SendWithClientAsync(client, body, timeoutSource.Token);
            return status switch
            {
                >= 200 and < 300 => HookSendResult.Sent,
                (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => HookSendResult.Retry,
                >= 400 and < 500 => HookSendResult.Rejected,
                _ => HookSendResult.Retry,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            return HookSendResult.Retry;
        }
    }

    private async Task<int> SendWithClientAsync(HttpClient httpClient, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode;
    }
}
