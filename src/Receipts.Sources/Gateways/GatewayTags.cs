using System.Text.Json;

namespace Receipts.Sources.Gateways;

/// <summary>
/// Turns a gateway's custom properties or metadata into record tags: keys lower-cased
/// (<c>Helicone-Property-Project: checkout</c> arrives as <c>Project</c> and becomes <c>project</c>),
/// strings kept, numbers and booleans written as their JSON text, objects and arrays dropped (they can
/// carry content), values cut to 200 characters.
/// </summary>
public static class GatewayTags
{
    public const int MaxValueLength = 200;

    public static Dictionary<string, string> From(JsonElement properties)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return tags;
        }

        foreach (var p in properties.EnumerateObject())
        {
            var value = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(value) && p.Name.Length > 0)
            {
                tags[p.Name.Trim().ToLowerInvariant()] = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
            }
        }

        return tags;
    }

    /// <summary>Tags from a JSON object held in a string (Cloudflare's <c>metadata</c>); a string that is not one gives none.</summary>
    public static Dictionary<string, string> FromJsonText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return From(json.RootElement);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Removes and returns the first of <paramref name="keys"/> present.</summary>
    public static string? Take(Dictionary<string, string> tags, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var key in keys)
        {
            if (tags.Remove(key, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
