using System.Text.Json;

namespace Receipts.Sources.Http;

/// <summary>
/// The human message in an API's error body — <c>message</c> (GitHub, GitLab), <c>errorMessages[]</c> /
/// <c>errors{}</c> (Jira), <c>errors[].message</c> (Asana, GraphQL) — shortened, for the one error line.
/// </summary>
internal static class ServerMessage
{
    private const int MaxLength = 300;

    public static string? Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var messages = Messages(document.RootElement).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
            if (messages.Count == 0)
            {
                return null;
            }

            var text = string.Join("; ", messages);
            return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string?> Messages(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            yield return message.GetString();
        }

        if (root.TryGetProperty("errorMessages", out var errorMessages) && errorMessages.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in errorMessages.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
            {
                yield return item.GetString();
            }
        }

        if (root.TryGetProperty("errors", out var errors))
        {
            if (errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in errors.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        yield return m.GetString();
                    }
                }
            }
            else if (errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in errors.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    yield return $"{property.Name}: {property.Value.GetString()}";
                }
            }
        }
    }
}
