using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Receipts.Cli.Commands.Serve;
using Spectre.Console;

namespace Receipts.Cli.Commands.Tokens;

/// <summary><c>receipts tokens list [--json]</c>: name, scope, team, created, last used. Never the token.</summary>
internal static class TokensListCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var store = StoreOption.Create();
        var command = new Command(
            "list",
            """
            List tokens: name, scope, team, created and last used (UTC). The token text is never stored, so never shown.

            Examples:
              receipts tokens list
              receipts tokens list --json
            """);
        command.Options.Add(json);
        command.Options.Add(store);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            await using var opened = await StoreOption.OpenAsync(context, StoreOption.Resolve(context, store), cancellationToken);
            var tokens = await opened.Tokens.ListTokensAsync(cancellationToken);
            if (context.Get(json))
            {
                var rows = tokens.Select(t => new Dictionary<string, object?>
                {
                    ["name"] = t.Name,
                    ["scope"] = t.Scope.ToString().ToLowerInvariant(),
                    ["team"] = t.Team,
                    ["createdAt"] = t.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    ["lastUsedAt"] = t.LastUsedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                });
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(rows));
                return ExitCodes.Ok;
            }

            if (tokens.Count == 0)
            {
                await environment.Error.WriteLineAsync("No tokens yet. Create one with: receipts tokens create --scope ingest --name NAME");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Name", "Scope", "Team", "Created (UTC)", "Last used (UTC)");
            foreach (var t in tokens)
            {
                table.AddRow(
                    Markup.Escape(t.Name),
                    t.Scope.ToString().ToLowerInvariant(),
                    Markup.Escape(t.Team ?? "-"),
                    t.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    t.LastUsedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never");
            }

            environment.OutConsole().Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
