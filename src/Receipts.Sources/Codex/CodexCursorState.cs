using Receipts.Sources.Context;

namespace Receipts.Sources.Codex;

/// <summary>A Codex file's cursor: where reading stopped, and the session state at that point.</summary>
internal sealed record CodexCursorState(FilePosition Position, CodexFileState File);
