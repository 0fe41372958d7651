namespace Receipts.Sources.Identity;

/// <summary>
/// The one record-id scheme for an Anthropic API request, whichever source saw it (transcript import,
/// hook, OTel event or span), so the same request counts once (invariant 1): the store keeps one row
/// per id and replaces it only with a fuller copy.
/// <list type="bullet">
/// <item><c>anthropic:req:&lt;requestId&gt;</c> when the request id (<c>req_…</c>) is known;</item>
/// <item><c>anthropic:msg:&lt;messageId&gt;</c> when only a real <c>msg_…</c> message id is known;</item>
/// <item>otherwise a source-specific id that cannot collide with the two above.</item>
/// </list>
/// </summary>
public static class UsageRecordIds
{
    public static string? ForAnthropicRequest(string? requestId) =>
        string.IsNullOrWhiteSpace(requestId) ? null : "anthropic:req:" + requestId.Trim();

    public static string? ForAnthropicMessage(string? messageId) =>
        messageId is { Length: > 4 } && messageId.StartsWith("msg_", StringComparison.Ordinal) ? "anthropic:msg:" + messageId : null;

    /// <summary>The request id if there is one, else the message id if it is a real <c>msg_…</c> id, else null.</summary>
    public static string? ForAnthropic(string? requestId, string? messageId) =>
        ForAnthropicRequest(requestId) ?? ForAnthropicMessage(messageId);
}
