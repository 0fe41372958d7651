using Receipts.Domain.Metrics;

namespace Receipts.Domain.Anomalies;

/// <summary>One watched identity: a dimension and its value (<c>team payments</c>).</summary>
public readonly record struct Series(Dimension Dimension, string Value)
{
    public static IReadOnlyList<Dimension> All { get; } = [Dimension.Team, Dimension.Project, Dimension.Key, Dimension.Person, Dimension.Workflow];

    public string Label => $"{Dimension.ToString().ToLowerInvariant()} {Value}";

    public static string? ValueOf(Dimension dimension, SpendItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return dimension switch
        {
            Dimension.Team => item.Team,
            Dimension.Project => item.Project,
            Dimension.Key => item.ApiKey,
            Dimension.Person => item.Person,
            Dimension.Workflow => item.Workflow,
            _ => null,
        };
    }

    public bool Matches(SpendItem item) => string.Equals(ValueOf(Dimension, item), Value, StringComparison.Ordinal);
}
