namespace Receipts.Domain.Reports.Weekly;

/// <summary>Development or test traffic on one production key during the week.</summary>
/// <param name="Key">The key alias (or id).</param>
/// <param name="Requests">Calls tagged with a non-production <c>env</c>.</param>
/// <param name="Spend">Their dollars.</param>
/// <param name="Envs">The env tags seen (<c>dev</c>, <c>test</c>…).</param>
/// <param name="Days">Days with such traffic.</param>
/// <param name="First">The first such call of the week.</param>
/// <param name="Driver">Who or what sent most of it (<c>person sarah (12 calls), tool claude-code</c>).</param>
public sealed record ProductionMisuse(string Key, long Requests, decimal Spend, IReadOnlyList<string> Envs, int Days, DateTimeOffset First, string? Driver);
