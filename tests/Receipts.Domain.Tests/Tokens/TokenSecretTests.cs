using Receipts.Domain.Tokens;

namespace Receipts.Domain.Tests.Tokens;

public sealed class TokenSecretTests
{
    [Fact]
    public void Generate_HasThePrefix_IsUrlSafe_AndNeverRepeats()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => TokenSecret.Generate()).ToList();

        tokens.ShouldAllBe(t => t.StartsWith("rcpt_", StringComparison.Ordinal) && TokenSecret.LooksValid(t));
        tokens.ShouldAllBe(t => t.Skip(5).All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
        tokens.Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void Hash_IsSha256HexOfTheText()
    {
        // SHA-256("abc"), FIPS 180-2 test vector.
        TokenSecret.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Covers_AdminCoversEverything_OthersOnlyThemselves()
    {
        TokenScope.Admin.Covers(TokenScope.Ingest).ShouldBeTrue();
        TokenScope.Admin.Covers(TokenScope.Read).ShouldBeTrue();
        TokenScope.Read.Covers(TokenScope.Ingest).ShouldBeFalse();
        TokenScope.Ingest.Covers(TokenScope.Read).ShouldBeFalse();
        TokenScope.Ingest.Covers(TokenScope.Ingest).ShouldBeTrue();
    }
}
