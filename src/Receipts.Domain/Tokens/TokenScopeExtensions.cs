namespace Receipts.Domain.Tokens;

public static class TokenScopeExtensions
{
    /// <summary>True when a token holding <paramref name="held"/> may use a route that needs <paramref name="required"/>: admin covers every scope.</summary>
    public static bool Covers(this TokenScope held, TokenScope required) => held == required || held == TokenScope.Admin;
}
