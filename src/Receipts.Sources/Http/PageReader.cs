using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Receipts.Sources.Http;

/// <summary>
/// Reads fields from one API page and turns a missing or mistyped field into a <see cref="SourceException"/>
/// that names the page URL and the field: a malformed page stops the import before anything is written.
/// </summary>
public readonly partial record struct PageReader(string Service, Uri Url)
{
    public SourceException Malformed(string what) =>
        new($"{Service} sent a malformed page at {Url}: {what}.", "This is a problem on the server's side or an API change; run again later, and report it if it persists.");

    public JsonElement Items(JsonElement element, string where)
    {
        return element.ValueKind == JsonValueKind.Array ? element : throw Malformed($"{where} is {Describe(element)}, expected an array");
    }

    public JsonElement Child(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.Object ? value : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected an object");
    }

    public JsonElement? OptionalChild(JsonElement element, string name, string where)
    {
        var value = OptionalProperty(element, name, where);
        return value is null || value.Value.ValueKind == JsonValueKind.Null ? null
            : value.Value.ValueKind == JsonValueKind.Object ? value : throw Malformed($"{where}: '{name}' is {Describe(value.Value)}, expected an object");
    }

    public JsonElement List(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.Array ? value : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected an array");
    }

    public JsonElement? OptionalList(JsonElement element, string name, string where)
    {
        var value = OptionalProperty(element, name, where);
        return value is null || value.Value.ValueKind == JsonValueKind.Null ? null
            : value.Value.ValueKind == JsonValueKind.Array ? value : throw Malformed($"{where}: '{name}' is {Describe(value.Value)}, expected an array");
    }

    public string Text(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected a string");
    }

    public string? OptionalText(JsonElement element, string name, string where)
    {
        var value = OptionalProperty(element, name, where);
        return value is null || value.Value.ValueKind == JsonValueKind.Null ? null
            : value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : throw Malformed($"{where}: '{name}' is {Describe(value.Value)}, expected a string");
    }

    public long Number(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
            : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected an integer");
    }

    public int SmallNumber(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
            : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected an integer");
    }

    public bool Flag(JsonElement element, string name, string where)
    {
        var value = Property(element, name, where);
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
            : throw Malformed($"{where}: '{name}' is {Describe(value)}, expected true or false");
    }

    public DateTimeOffset Time(JsonElement element, string name, string where) =>
        OptionalTime(element, name, where) ?? throw Malformed($"{where}: '{name}' is missing or null, expected a timestamp");

    public DateTimeOffset? OptionalTime(JsonElement element, string name, string where)
    {
        var text = OptionalText(element, name, where);
        if (text is null)
        {
            return null;
        }

        // Jira writes offsets without a colon (+0000), which DateTimeOffset does not parse as-is.
        var normalised = CompactOffset().Replace(text, "$1:$2");
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Malformed($"{where}: '{name}' is \"{text}\", expected an ISO 8601 timestamp");
    }

    private JsonElement Property(JsonElement element, string name, string where) =>
        OptionalProperty(element, name, where) ?? throw Malformed($"{where}: '{name}' is missing");

    private JsonElement? OptionalProperty(JsonElement element, string name, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{where} is {Describe(element)}, expected an object");
        }

        return element.TryGetProperty(name, out var value) ? value : null;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex CompactOffset();
}
