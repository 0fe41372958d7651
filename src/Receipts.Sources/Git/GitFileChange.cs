namespace Receipts.Sources.Git;

/// <summary>One entry of <c>--name-status</c>: status letter, path, and the old path of a rename or copy.</summary>
internal sealed record GitFileChange(char Status, string Path, string? OldPath);
