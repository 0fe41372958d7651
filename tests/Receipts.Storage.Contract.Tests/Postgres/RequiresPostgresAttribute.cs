namespace Receipts.Storage.Contract.Tests.Postgres;

/// <summary>Marks a test class that runs against PostgreSQL: its <see cref="StoreFactAttribute"/> tests skip when RECEIPTS_SKIP_POSTGRES=1.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
