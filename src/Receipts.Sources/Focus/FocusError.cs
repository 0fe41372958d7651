namespace Receipts.Sources.Focus;

/// <summary>One bad row: where (file, line, column) and what is wrong with it.</summary>
public sealed record FocusError(string File, long Line, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}:{Column}: {Message}";
}
