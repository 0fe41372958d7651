namespace Receipts.Domain.Attribution;

/// <summary>The rules of attribution, strongest first; the first that applies places the record.</summary>
public enum AttributionMethod
{
    /// <summary>A person fixed it (confidence 1.0).</summary>
    Correction = 0,

    /// <summary>An explicit project/team tag on the request (0.95).</summary>
    Tag = 1,

    /// <summary>The API key's alias belongs to one project (0.9).</summary>
    KeyAlias = 2,

    /// <summary>The repository belongs to one project (0.85).</summary>
    Repo = 3,

    /// <summary>A ticket id's prefix belongs to one project (0.8).</summary>
    Ticket = 4,

    /// <summary>The working directory matches a project's path glob (0.7).</summary>
    Path = 5,

    /// <summary>The person's team's default project (0.5).</summary>
    PersonDefault = 6,

    /// <summary>No rule applied: unattributed.</summary>
    None = 7,

    /// <summary>A subscription seat's cost, spread over the projects its person's usage was attributed to (0.8).</summary>
    Seat = 8,
}
