namespace Receipts.Sources.Otlp;

/// <summary>Which GenAI semantic-convention stream is the spend ledger for production services.</summary>
public enum GenAiUsageSource
{
    /// <summary>Spans with <c>gen_ai.usage.*</c> attributes (the default): per request, with cache splits and a response id.</summary>
    Spans = 0,

    /// <summary>The <c>gen_ai.client.token.usage</c> histogram, for services that export metrics alone (no cache split).</summary>
    Metrics = 1,
}
