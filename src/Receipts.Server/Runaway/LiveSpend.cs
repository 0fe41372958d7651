using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;

namespace Receipts.Server.Runaway;

/// <summary>
/// A raw usage record as the live watch sees it: dollars as given, else at list price; the person as the directory
/// names them; the key alias, else id. The baseline read at start goes through the same mapping, so both agree.
/// </summary>
internal static class LiveSpend
{
    public static SpendItem Of(UsageRecord record, Pricer pricer, DirectoryView directory) => new()
    {
        RecordId = record.Id,
        At = record.At,
        Model = record.Model,
        Tool = record.Tool,
        // As the spend pipeline names them: the directory's person, else the identity the source gave.
        Person = directory.PersonOf(record.Person) ?? directory.PersonOf(record.Account) ?? directory.PersonOf(record.MachineUser)
            ?? record.Person ?? record.Account ?? record.MachineUser,
        ApiKey = record.ApiKeyAlias ?? record.ApiKeyId,
        SessionId = record.SessionId,
        Provider = record.Provider,
        Requests = record.Requests,
        Tokens = record.Tokens,
        Amount = pricer.Price(record).Cost,
    };
}
