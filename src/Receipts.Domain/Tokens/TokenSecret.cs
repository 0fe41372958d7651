using System.Security.Cryptography;
using System.Text;

namespace Receipts.Domain.Tokens;

/// <summary>
/// Token text: <c>rcpt_</c> followed by 32 random bytes in base64url, so a leaked token is recognisable
/// (secret scanners can match the prefix). Only its SHA-256 is ever stored.
/// </summary>
public static class TokenSecret
{
    public const string Prefix = "rcpt_";

    /// <summary>A new random token text.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Lowercase hex SHA-256 of the token text: what the store keeps and looks up.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>True when <paramref name="token"/> has the shape of a Receipts token (prefix and length).</summary>
    public static bool LooksValid(string token) =>
        token is not null && token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length is > 40 and < 100;
}
