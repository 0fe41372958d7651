namespace Receipts.Dashboard.Tests;

/// <summary>One demo company and one browser for every dashboard test class.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardTestGroup : ICollectionFixture<DemoFixture>
{
    public const string Name = "dashboard";
}
