using System.CommandLine;
using Receipts.Domain.Attribution;

namespace Receipts.Cli.Commands.Attribute;

/// <summary><c>receipts attribute fix</c>: record a correction (who, when, why); later corrections win, nothing is deleted.</summary>
internal static class AttributeFixCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var session = new Option<string?>("--session") { Description = "Every record of this session (the session id from `report usage --by session`)" };
        var record = new Option<string?>("--record") { Description = "One usage record by id" };
        var branch = new Option<string?>("--branch") { Description = "Every record on this branch" };
        var repo = new Option<string?>("--repo") { Description = "With --branch: only in this repository (github.com/acme/payments)" };
        var project = new Option<string>("--project") { Description = "The project it really belongs to (a project of receipts.yaml)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why: kept with the correction for whoever reads the numbers later", Required = true };
        var by = new Option<string?>("--by") { Description = "Who is correcting (default: this machine's user name)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "fix",
            """
            Correct an attribution: name a session, a record or a branch and the project it belongs to,
            with a reason. The correction is recorded (who, when, why) and beats every rule; a later
            correction of the same thing wins; nothing is deleted. Every report follows at once.

            Examples:
              receipts attribute fix --session 3f6c1d2e-8b4a-4e7f-9c21-5a0b7d9e1f42 --project pay-api --reason "spike for PAY-12"
              receipts attribute fix --branch feat/PLAT-9-auth --repo github.com/acme/pay-api --project platform-infra --reason "platform work done in the payments repo"
            """)
        {
            session, record, branch, repo, project, reason, by, config,
        };
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var targets = new (CorrectionTarget Target, string? Value)[]
            {
                (CorrectionTarget.Session, context.Get(session)),
                (CorrectionTarget.Record, context.Get(record)),
                (CorrectionTarget.Branch, context.Get(branch)),
            }.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToList();
            if (targets.Count != 1)
            {
                throw new UserException("Name exactly one of --session, --record or --branch.", "Example: receipts attribute fix --session ID --project pay-api --reason \"…\"");
            }

            if (context.Get(repo) is not null && targets[0].Target != CorrectionTarget.Branch)
            {
                throw new UserException("--repo goes with --branch only.", "Drop --repo, or correct a --branch.");
            }

            var why = context.Get(reason)!.Trim();
            if (why.Length == 0)
            {
                throw new UserException("--reason is empty.", "Say why, so whoever reads the numbers later knows.");
            }

            var directory = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var target = context.Get(project)!;
            if (!directory.Projects.ContainsKey(target))
            {
                throw new UserException(
                    $"Unknown project '{target}'.",
                    directory.Projects.Count == 0 ? "Define projects in receipts.yaml (see --config)." : "Known projects: " + string.Join(", ", directory.Projects.Keys.Order(StringComparer.Ordinal)));
            }

            var now = environment.Time.GetUtcNow();
            var correction = new Correction(
                Guid.NewGuid().ToString("n"),
                now,
                context.Get(by) ?? environment.GetVariable("USER") ?? Environment.UserName,
                why,
                targets[0].Target,
                targets[0].Value!.Trim(),
                target,
                context.Get(repo) is { } r ? Domain.Directory.RepoName.Normalize(r) : null);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            await store.WriteCorrectionAsync(correction, cancellationToken);
            await environment.Out.WriteLineAsync(
                $"Recorded: {correction.Target.ToString().ToLowerInvariant()} {correction.Value}{(correction.Repo is null ? string.Empty : " in " + correction.Repo)} → {target} (by {correction.By}: {why}). Reports follow from now on.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
