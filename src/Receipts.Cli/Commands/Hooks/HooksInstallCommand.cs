using System.CommandLine;
using Receipts.Sources.Hooks;

namespace Receipts.Cli.Commands.Hooks;

/// <summary><c>receipts hooks install --server URL [--scope project|user]</c>.</summary>
internal static class HooksInstallCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var server = new Option<string>("--server")
        {
            Description = "The Receipts server the hooks report to, e.g. https://receipts.example.com",
            Required = true,
        };
        var scope = new Option<string>("--scope")
        {
            Description = "project: .claude/settings.json in this repository (commit it, every developer gets the hooks); user: ~/.claude/settings.json",
            DefaultValueFactory = _ => "project",
        };
        scope.AcceptOnlyFromAmong("project", "user");

        var command = new Command(
            "install",
            """
            Add the SessionStart and SessionEnd hooks to Claude Code's settings, keeping every other setting and hook.
            Installing again changes nothing. Each developer sets RECEIPTS_TOKEN (a token with the ingest scope);
            RECEIPTS_SERVER, when set, is used if the hook command has no --server.

            Examples:
              receipts hooks install --server https://receipts.example.com
              receipts hooks install --server https://receipts.example.com --scope user
            """)
        {
            server,
            scope,
        };
        command.SetAction((ParseResult parseResult, CancellationToken _) =>
        {
            var url = parseResult.GetValue(server)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UserException($"'{url}' is not an http(s) URL.", "Pass the server's base URL, e.g. --server https://receipts.example.com");
            }

            var path = SettingsPath(parseResult.GetValue(scope)!, environment);
            bool changed;
            try
            {
                changed = HookSettingsInstaller.Install(path, url.TrimEnd('/'));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                throw new UserException(e.Message, $"Check {path}, or install with --scope {(parseResult.GetValue(scope) == "user" ? "project" : "user")}.", e);
            }

            var output = environment.Out;
            output.WriteLine(changed
                ? $"Added the Receipts SessionStart and SessionEnd hooks to {path}."
                : $"The Receipts hooks are already in {path}; nothing changed.");
            output.WriteLine($"Each developer sets {HookOptions.TokenVariable} to a token with the ingest scope (in their shell profile).");
            output.WriteLine($"The hook commands carry --server {url.TrimEnd('/')}; {HookOptions.ServerVariable} is the fallback for a hook command without --server.");
            if (parseResult.GetValue(scope) == "project")
            {
                output.WriteLine("Commit .claude/settings.json so every developer who pulls gets the hooks.");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static string SettingsPath(string scope, CliEnvironment environment)
    {
        if (scope == "user")
        {
            var configDir = environment.GetVariable("CLAUDE_CONFIG_DIR") is { Length: > 0 } configured
                ? configured.Split(',')[0].Trim()
                : Path.Combine(environment.HomeDirectory, ".claude");
            return Path.Combine(configDir, "settings.json");
        }

        for (var directory = new DirectoryInfo(environment.WorkingDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return Path.Combine(directory.FullName, ".claude", "settings.json");
            }
        }

        throw new UserException(
            $"{environment.WorkingDirectory} is not inside a git repository.",
            "Run this from the repository the hooks are for, or use --scope user to install them for all your projects.");
    }
}
