using Receipts.Domain.Directory;

namespace Receipts.Sources.Sync;

/// <summary>
/// A source's secret: from <c>key_file</c> when given, else the variable <c>key_env</c> names, else the kind's
/// default variable. Error messages name the variable or file, never the value.
/// </summary>
internal static class SyncSecrets
{
    public static (string Value, string Description) Read(SourceConfig source, SyncContext context, string defaultVariable, string fileKey = "key_file", string envKey = "key_env")
    {
        if (source.Get(fileKey) is { } file)
        {
            var path = SyncPaths.Resolve(file, context);
            string text;
            try
            {
                text = File.ReadAllText(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SyncConfigurationException($"{source.Name}: cannot read {fileKey} {path}: {e.Message}", "Fix the path in receipts.yaml, or use key_env.");
            }

            return text.Length > 0 ? (text, path) : throw new SyncConfigurationException($"{source.Name}: {fileKey} {path} is empty.", "Put only the key in the file.");
        }

        var variable = source.Get(envKey) ?? defaultVariable;
        return context.GetVariable(variable)?.Trim() is { Length: > 0 } value
            ? (value, variable)
            : throw new SyncConfigurationException($"{source.Name}: {variable} is not set.", $"Export {variable}, or set {envKey} / {fileKey} on the source in receipts.yaml.");
    }
}
