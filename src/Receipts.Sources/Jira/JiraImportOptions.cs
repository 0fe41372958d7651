namespace Receipts.Sources.Jira;

/// <summary>What <see cref="JiraImporter"/> reads.</summary>
public sealed record JiraImportOptions
{
    /// <summary>The Jira Cloud site, <c>https://acme.atlassian.net</c>.</summary>
    public required Uri Site { get; init; }

    /// <summary>The project key, <c>PAY</c>.</summary>
    public required string Project { get; init; }

    /// <summary>Issues and changelog entries per page (the API's maximum is 100). Default: 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How far before the cursor a re-run looks again (JQL dates are in the user's time zone). Default: 1 day.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromDays(1);
}
