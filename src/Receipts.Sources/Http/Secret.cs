namespace Receipts.Sources.Http;

/// <summary>
/// Reads an API secret from a file (<c>--token-file</c>) or an environment variable; never logs or stores it.
/// The description (<c>the token in GITHUB_TOKEN</c>) is what error messages say instead of the value.
/// </summary>
public sealed record Secret(string Value, string Description)
{
    public override string ToString() => Description;

    /// <summary>The secret from <paramref name="file"/> when given, else from the variable <paramref name="variable"/>.</summary>
    public static Secret Read(string? file, string variable, Func<string, string?> getVariable, string service, string hint)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SourceException($"Cannot read the {service} token file {file}: {e.Message}", hint, e);
            }

            var value = text.Trim();
            return value.Length == 0
                ? throw new SourceException($"The {service} token file {file} is empty.", hint)
                : new Secret(value, $"the token in {file}");
        }

        var fromVariable = getVariable(variable)?.Trim();
        return string.IsNullOrEmpty(fromVariable)
            ? throw new SourceException($"No {service} token: set {variable} (or pass --token-env VAR or --token-file PATH).", hint)
            : new Secret(fromVariable, $"the token in {variable}");
    }
}
