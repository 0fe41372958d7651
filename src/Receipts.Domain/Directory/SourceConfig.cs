namespace Receipts.Domain.Directory;

/// <summary>
/// One entry of <c>sources:</c> in <c>receipts.yaml</c>: a source <c>receipts sync</c> runs. <see cref="Settings"/>
/// holds the entry's other fields as text (a list is joined with commas); secrets are never here, only the
/// names of the variables or files holding them (<c>key_env</c>, <c>key_file</c>).
/// </summary>
/// <param name="Kind">The importer: <c>anthropic</c>, <c>litellm</c>, <c>github</c>, <c>claude-code</c>, …</param>
/// <param name="Name">How the summary names it: the entry's <c>name</c>, else its kind (with a number when a kind repeats).</param>
/// <param name="Line">The entry's line in the file, for messages.</param>
/// <param name="Settings">Its other fields (<c>api_url</c>, <c>repo</c>, <c>path</c>, …).</param>
public sealed record SourceConfig(string Kind, string Name, int Line, IReadOnlyDictionary<string, string> Settings)
{
    public string? Get(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
