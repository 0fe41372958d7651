namespace Receipts.Sources.Hooks;

/// <summary>Where the hook sends, where it keeps its state, and how long it may take.</summary>
public sealed record HookOptions
{
    public const string TokenVariable = "RECEIPTS_TOKEN";
    public const string ServerVariable = "RECEIPTS_SERVER";
    public const string BudgetVariable = "RECEIPTS_HOOK_BUDGET_MS";

    /// <summary>The Receipts server (<c>https://receipts.example.com</c>); null spools everything locally.</summary>
    public string? ServerUrl { get; init; }

    /// <summary>The bearer token (scope ingest), from <c>RECEIPTS_TOKEN</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>$XDG_STATE_HOME/receipts</c>, else <c>~/.local/state/receipts</c>: cursors and the spool.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The Claude Code <c>projects</c> directories SessionStart sweeps for unreported sessions.</summary>
    public IReadOnlyList<string> TranscriptRoots { get; init; } = [];

    /// <summary>The local account name, sent as the record's machine user.</summary>
    public string? MachineUser { get; init; }

    /// <summary>The host name, sent as the record's source name.</summary>
    public string? HostName { get; init; }

    /// <summary>
    /// All the hook's work must end inside this. Default 1.2 s: Claude Code gives SessionEnd hooks
    /// 1.5 s, and the process needs the rest to start and exit.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMilliseconds(1200);

    /// <summary>One POST's timeout. Default 800 ms.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Reads the options the way the hook command does: flags first, then environment variables.</summary>
    public static HookOptions FromEnvironment(Func<string, string?> getVariable, string homeDirectory, string? serverOption)
    {
        var stateHome = getVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(homeDirectory, ".local", "state");
        var budget = TimeSpan.FromMilliseconds(1200);
        if (int.TryParse(getVariable(BudgetVariable), out var budgetMs) && budgetMs > 0)
        {
            budget = TimeSpan.FromMilliseconds(budgetMs);
        }
        else if (int.TryParse(getVariable("CLAUDE_CODE_SESSIONEND_HOOKS_TIMEOUT_MS"), out var claudeMs) && claudeMs > 1500)
        {
            budget = TimeSpan.FromMilliseconds(claudeMs - 300);
        }

        return new HookOptions
        {
            ServerUrl = serverOption is { Length: > 0 } ? serverOption : getVariable(ServerVariable) is { Length: > 0 } server ? server : null,
            Token = getVariable(TokenVariable),
            StateDirectory = Path.Combine(stateHome, "receipts"),
            TranscriptRoots = ClaudeProjectRoots(getVariable, homeDirectory),
            MachineUser = getVariable("USER") ?? getVariable("USERNAME") ?? Environment.UserName,
            HostName = Environment.MachineName,
            Budget = budget,
            HttpTimeout = budget < TimeSpan.FromMilliseconds(1000) ? budget * 2 / 3 : TimeSpan.FromMilliseconds(800),
        };
    }

    /// <summary><c>$CLAUDE_CONFIG_DIR</c> (comma-separated), else <c>~/.claude</c> and <c>$XDG_CONFIG_HOME/claude</c>; each with <c>/projects</c>.</summary>
    public static IReadOnlyList<string> ClaudeProjectRoots(Func<string, string?> getVariable, string homeDirectory)
    {
        if (getVariable("CLAUDE_CONFIG_DIR") is { Length: > 0 } configured)
        {
            return [.. configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ProjectsOf)];
        }

        var xdgConfig = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(homeDirectory, ".config");
        return [Path.Combine(homeDirectory, ".claude", "projects"), Path.Combine(xdgConfig, "claude", "projects")];
    }

    private static string ProjectsOf(string root) =>
        Path.GetFileName(root.TrimEnd('/', '\\')) == "projects" ? root : Path.Combine(root, "projects");
}
