using Receipts.Storage.Contract.Tests.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Receipts.Storage.Contract.Tests;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests: skippable ones on PostgreSQL classes, plain ones elsewhere.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var postgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        yield return postgres
            ? new PostgresTestCase(diagnosticMessageSink, display, options, testMethod)
            : new XunitTestCase(diagnosticMessageSink, display, options, testMethod);
    }
}
