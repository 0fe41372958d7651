namespace Receipts.Server.Apis.UsageJson;

/// <summary><c>POST /v1/usage</c> body: <c>{"records":[…]}</c>.</summary>
internal sealed class UsageBatchJson
{
    public List<UsageRecordJson?>? Records { get; set; }
}
