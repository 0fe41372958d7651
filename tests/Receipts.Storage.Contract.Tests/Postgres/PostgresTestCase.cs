using Xunit.Abstractions;
using Xunit.Sdk;

namespace Receipts.Storage.Contract.Tests.Postgres;

/// <summary>A test case that is skipped, visibly, when RECEIPTS_SKIP_POSTGRES=1.</summary>
public sealed class PostgresTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PostgresTestCase()
    {
    }

    public PostgresTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgresEnvironment.SkipReason ?? base.GetSkipReason(factAttribute);
}
