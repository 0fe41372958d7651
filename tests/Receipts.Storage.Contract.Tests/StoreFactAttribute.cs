using Xunit.Sdk;

namespace Receipts.Storage.Contract.Tests;

/// <summary>
/// A fact declared once on a contract class and run by each store's subclass. The concrete class decides
/// whether it may be skipped (<see cref="Postgres.RequiresPostgresAttribute"/>), which a plain [Fact] on an
/// abstract base cannot know.
/// </summary>
[XunitTestCaseDiscoverer("Receipts.Storage.Contract.Tests.StoreFactDiscoverer", "Receipts.Storage.Contract.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
