using Receipts.Domain.Storage;
using Receipts.Domain.Tokens;

namespace Receipts.Storage.Contract.Tests;

/// <summary>What every token store does, whatever the database.</summary>
public abstract class TokenStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IAsyncDisposable
{
    private ApiToken Token(string name, TokenScope scope = TokenScope.Ingest, string? team = null) => new()
    {
        Name = name,
        Hash = TokenSecret.Hash(TokenSecret.Generate()),
        Scope = scope,
        Team = team,
        CreatedAt = Time.GetUtcNow(),
    };

    [StoreFact]
    public async Task Create_ThenFindByHash_ReturnsIt()
    {
        var token = Token("ci", TokenScope.Ingest, "payments");

        (await Store.CreateTokenAsync(token, Ct)).ShouldBeTrue();
        var found = await Store.FindTokenAsync(token.Hash, Ct);

        found.ShouldBe(token);
    }

    [StoreFact]
    public async Task Create_SameNameTwice_RefusesTheSecondAndKeepsTheFirst()
    {
        var first = Token("ci");
        await Store.CreateTokenAsync(first, Ct);

        var second = await Store.CreateTokenAsync(Token("ci", TokenScope.Admin), Ct);

        second.ShouldBeFalse();
        (await Store.ListTokensAsync(Ct)).Single().ShouldBe(first);
    }

    [StoreFact]
    public async Task Find_UnknownHash_ReturnsNull()
    {
        await Store.CreateTokenAsync(Token("ci"), Ct);

        (await Store.FindTokenAsync(TokenSecret.Hash("rcpt_nope"), Ct)).ShouldBeNull();
    }

    [StoreFact]
    public async Task List_ReturnsEveryTokenByName_WithLastUse()
    {
        var b = Token("b", TokenScope.Read);
        var a = Token("a", TokenScope.Admin);
        await Store.CreateTokenAsync(b, Ct);
        await Store.CreateTokenAsync(a, Ct);
        var used = Time.GetUtcNow().AddHours(2);

        await Store.TouchTokenAsync(b.Hash, used, Ct);
        var list = await Store.ListTokensAsync(Ct);

        list.Select(t => t.Name).ShouldBe(["a", "b"]);
        list[0].LastUsedAt.ShouldBeNull();
        list[1].LastUsedAt.ShouldBe(used);
        list[1].Scope.ShouldBe(TokenScope.Read);
    }

    [StoreFact]
    public async Task Revoke_RemovesTheToken_AndSaysWhetherItExisted()
    {
        var token = Token("ci");
        await Store.CreateTokenAsync(token, Ct);

        (await Store.RevokeTokenAsync("ci", Ct)).ShouldBeTrue();
        (await Store.RevokeTokenAsync("ci", Ct)).ShouldBeFalse();
        (await Store.FindTokenAsync(token.Hash, Ct)).ShouldBeNull();
        (await Store.ListTokensAsync(Ct)).ShouldBeEmpty();
    }
}
