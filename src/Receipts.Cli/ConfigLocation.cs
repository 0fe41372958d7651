using System.CommandLine;
using Receipts.Domain.Directory;
using Receipts.Sources.Configuration;

namespace Receipts.Cli;

/// <summary>
/// Where the directory file <c>receipts.yaml</c> lives: <c>--config PATH</c>, else <c>RECEIPTS_CONFIG</c>,
/// else <c>./receipts.yaml</c>, else <c>$XDG_CONFIG_HOME/receipts/receipts.yaml</c>
/// (<c>~/.config/receipts/receipts.yaml</c>). No file at the implicit places means an empty directory.
/// </summary>
internal static class ConfigLocation
{
    public const string EnvironmentVariable = "RECEIPTS_CONFIG";

    public static Option<string?> CreateOption() => new("--config")
    {
        Description = "The directory file (default: $RECEIPTS_CONFIG, else ./receipts.yaml, else $XDG_CONFIG_HOME/receipts/receipts.yaml)",
    };

    /// <summary>The file to read and whether the user named it (then it must exist).</summary>
    public static (string? Path, bool Explicit) Resolve(string? option, CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return (Path.GetFullPath(option, environment.WorkingDirectory), true);
        }

        if (environment.GetVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return (Path.GetFullPath(fromEnvironment, environment.WorkingDirectory), true);
        }

        var local = Path.Combine(environment.WorkingDirectory, "receipts.yaml");
        if (File.Exists(local))
        {
            return (local, false);
        }

        var configHome = environment.GetVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment.HomeDirectory, ".config");
        var user = Path.Combine(configHome, "receipts", "receipts.yaml");
        return File.Exists(user) ? (user, false) : (null, false);
    }

    public static async Task<DirectoryConfig> LoadAsync(string? option, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var (path, isExplicit) = Resolve(option, environment);
        if (path is null)
        {
            return DirectoryConfig.Empty;
        }

        if (!File.Exists(path))
        {
            if (isExplicit)
            {
                throw new UserException($"The directory file {path} does not exist.", "Create it (teams: and projects:), or point --config / RECEIPTS_CONFIG at it.");
            }

            return DirectoryConfig.Empty;
        }

        try
        {
            return await DirectoryLoader.LoadAsync(path, cancellationToken);
        }
        catch (DirectoryFileException e)
        {
            throw new UserException(e.Message, "Fix that line of the directory file; see receipts teams --help for its shape.", e);
        }
    }
}
