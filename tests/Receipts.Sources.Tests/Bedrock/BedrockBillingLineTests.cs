using Receipts.Domain.Pricing;
using Receipts.Sources.Bedrock;

namespace Receipts.Sources.Tests.Bedrock;

public sealed class BedrockBillingLineTests
{
    [Theory]
    // Resource ARNs: a foundation model, and system inference profiles with their geography prefix.
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0", null, null, "anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0", null, null, "anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-opus-4-1-20250805-v1:0", null, null, "anthropic.claude-opus-4-1-20250805-v1:0")]
    // CUR usage types: <region>-Claude<version><family>-<token type>.
    [InlineData(null, "USE1-Claude4.6Sonnet-input-tokens", null, "claude-sonnet-4-6")]
    [InlineData(null, "USW2-Claude4.5Haiku-cache-read-input-token-count", null, "claude-haiku-4-5")]
    [InlineData(null, "EUC1-Claude3.5Sonnet-output-tokens", null, "claude-3-5-sonnet")]
    [InlineData(null, null, "USE1-Claude4.6Opus-output-tokens", "claude-opus-4-6")]
    // A bare model id in the usage type, with a cross-region prefix.
    [InlineData(null, "USE1-global.anthropic.claude-sonnet-4-5-20250929-v1:0-input-tokens", null, "anthropic.claude-sonnet-4-5-20250929-v1:0")]
    public void ModelOf_ResourceUsageTypeOrSku(string? resource, string? usageType, string? sku, string expected) =>
        BedrockBillingLine.ModelOf(resource, usageType, sku, "Amazon Bedrock", null).ShouldBe(expected);

    [Theory]
    [InlineData("Claude Sonnet 4.5 (Amazon Bedrock Edition)", "claude-sonnet-4-5")]
    [InlineData("Claude 3.5 Sonnet (Amazon Bedrock Edition)", "claude-3-5-sonnet")]
    [InlineData("Claude Opus 4.1 (Amazon Bedrock Edition)", "claude-opus-4-1")]
    public void ModelOf_MarketplaceServiceName(string serviceName, string expected) =>
        BedrockBillingLine.ModelOf(null, null, null, serviceName, null).ShouldBe(expected);

    [Fact]
    public void ModelOf_LineAboutNoModel_IsNull()
    {
        BedrockBillingLine.ModelOf(null, "USE1-ModelStorage", null, "Amazon Bedrock", "Promotional credit").ShouldBeNull();
        BedrockBillingLine.ModelOf("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", null, null, "Amazon Bedrock", null).ShouldBeNull();
    }

    [Theory]
    [InlineData("Amazon Bedrock", null, true)]
    [InlineData("Claude Sonnet 4.5 (Amazon Bedrock Edition)", null, true)]
    [InlineData("Amazon Simple Storage Service", "AmazonS3", false)]
    [InlineData(null, "AmazonBedrockService", true)]
    public void IsBedrock_ByServiceNameOrCode(string? name, string? code, bool expected) =>
        BedrockBillingLine.IsBedrock(name, code).ShouldBe(expected);

    [Theory]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0", null)]
    [InlineData(null, "USE1-Claude4.5Sonnet-input-tokens")]
    public void ModelOf_PricesToTheSameModelAsTheLogRecord(string? resource, string? usageType)
    {
        // The logs importer stores the model id without ARN or geography prefix; both must fold to one canonical model.
        var pricer = new Pricer(BuiltInPrices.Book());
        var fromLog = BedrockLogImporter.ModelOf("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        var fromLine = BedrockBillingLine.ModelOf(resource, usageType, null, "Amazon Bedrock", null)!;
        pricer.Lookup(fromLine)!.Model.ShouldBe(pricer.Lookup(fromLog)!.Model);
        pricer.Lookup(fromLine)!.Model.ShouldBe("claude-sonnet-4-5");
    }
}
