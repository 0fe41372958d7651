using Receipts.Domain.Tokens;

namespace Receipts.Server.Auth;

/// <summary>Who sent a request: the token's name, scope and team (never the token itself).</summary>
public sealed record Caller(string TokenName, TokenScope Scope, string? Team);
