using System.Text.Json;
using System.Text.Json.Nodes;

namespace Receipts.Sources.Hooks;

/// <summary>
/// Writes the Receipts SessionStart and SessionEnd command hooks into a Claude Code settings file,
/// merging with what is there: other settings and other hooks are kept, a Receipts hook that is
/// already present is updated in place (its server URL), and installing twice changes nothing.
/// </summary>
public static class HookSettingsInstaller
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string CommandFor(string hookEvent, string serverUrl) => $"receipts hook {hookEvent} --server {Quote(serverUrl)}";

    // The command runs through a shell: quote a URL with characters the shell would read.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '.' or '_' or '-' or '@' or '%' or '+' or '=')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Installs both hooks; returns true when the file changed.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a JSON object; it is left alone.</exception>
    public static bool Install(string settingsPath, string serverUrl)
    {
        JsonObject root;
        string? before = null;
        if (File.Exists(settingsPath))
        {
            before = File.ReadAllText(settingsPath);
            try
            {
                root = JsonNode.Parse(before, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                    ?? throw new InvalidOperationException($"{settingsPath} is not a JSON object.");
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{settingsPath} is not valid JSON (line {e.LineNumber + 1}): fix it or move it aside, then install again.", e);
            }
        }
        else
        {
            root = [];
        }

        var hooks = root["hooks"] as JsonObject;
        if (hooks is null)
        {
            hooks = [];
            root["hooks"] = hooks;
        }

        var changed = Ensure(hooks, "SessionStart", CommandFor("session-start", serverUrl));
        changed |= Ensure(hooks, "SessionEnd", CommandFor("session-end", serverUrl));
        if (!changed && before is not null)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settingsPath))!);
        var temporary = settingsPath + ".receipts.tmp";
        File.WriteAllText(temporary, root.ToJsonString(Indented) + "\n");
        File.Move(temporary, settingsPath, overwrite: true);
        return true;
    }

    private static bool Ensure(JsonObject hooks, string eventName, string command)
    {
        if (hooks[eventName] is not JsonArray groups)
        {
            groups = [];
            hooks[eventName] = groups;
        }

        var prefix = command[..command.IndexOf(" --server", StringComparison.Ordinal)];
        foreach (var group in groups.OfType<JsonObject>())
        {
            if (group["hooks"] is not JsonArray handlers)
            {
                continue;
            }

            foreach (var handler in handlers.OfType<JsonObject>())
            {
                if (handler["command"] is JsonValue value && value.TryGetValue<string>(out var existing)
                    && existing.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (existing == command)
                    {
                        return false;
                    }

                    handler["command"] = command;
                    return true;
                }
            }
        }

        groups.Add(new JsonObject
        {
            ["hooks"] = new JsonArray(new JsonObject { ["type"] = "command", ["command"] = command }),
        });
        return true;
    }
}
