namespace Receipts.Domain.Pricing;

/// <summary>
/// What a LiteLLM price file holds: the model prices read, how many keys were not models
/// (<c>sample_spec</c> and the like) and how many entries had no token prices; or, when the file is
/// refused, the <see cref="Error"/> and no prices at all.
/// </summary>
public sealed record LiteLlmParseResult(
    IReadOnlyList<ModelPrice> Prices,
    int SkippedNonModel,
    int SkippedUnpriced,
    PriceFileError? Error)
{
    public bool Succeeded => Error is null;

    public static LiteLlmParseResult Failed(PriceFileError error) => new([], 0, 0, error);
}
