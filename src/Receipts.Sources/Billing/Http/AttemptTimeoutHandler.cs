namespace Receipts.Sources.Billing.Http;

/// <summary>
/// Gives each attempt its own timeout, inside the retry loop, and reports it as a <see cref="TimeoutException"/>
/// the retry handles. Real time on purpose: it bounds network I/O, while the retry delays run on the
/// injectable clock.
/// </summary>
internal sealed class AttemptTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer from {request.RequestUri?.GetLeftPart(UriPartial.Path)} within {timeout.TotalSeconds:0} s.", e);
        }
    }
}
