namespace Receipts.Sources.Asana;

/// <summary>Where the Asana import of one project stopped: the newest task modification seen.</summary>
internal sealed record AsanaCursor
{
    public DateTimeOffset? ModifiedAt { get; init; }
}
