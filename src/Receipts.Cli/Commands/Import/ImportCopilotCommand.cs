using System.CommandLine;
using Receipts.Sources.Copilot;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import copilot --org NAME</c>: Copilot seats with their cost, and per-user usage metrics.</summary>
internal static class ImportCopilotCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var org = new Option<string>("--org") { Description = "The GitHub organisation", Required = true, HelpName = "NAME" };
        var business = new Option<decimal>("--business-price") { Description = "Monthly price of a Business seat in USD (default 19)", DefaultValueFactory = _ => 19m };
        var enterprise = new Option<decimal>("--enterprise-price") { Description = "Monthly price of an Enterprise seat in USD (default 39)", DefaultValueFactory = _ => 39m };
        return GatewayImport.Create(
            environment,
            "copilot",
            $"""
            Import GitHub Copilot for an organisation: every seat (holder, plan, since when, pending cancellation)
            priced by plan, and the daily per-user usage metrics reports (interactions, CLI tokens, code activity).
            Incremental: a re-run fetches reports from the last imported day minus 3. The token (manage_billing:copilot
            or read:org) is read from ${CopilotApi.SecretVariable} (or --key-env / --key-file), never printed or stored.

            Examples:
              receipts import copilot --org acme
              receipts import copilot --org acme --enterprise-price 35 --since 2026-03-01
            """,
            CopilotApi.SecretVariable,
            CopilotApi.DefaultBaseUrl,
            CopilotApi.Create,
            (client, parse, _, billing, since, ct) => new CopilotImporter(client, billing, environment.Time, parse.GetValue(org)!, new CopilotPlanPrices(parse.GetValue(business), parse.GetValue(enterprise)))
                .ImportAsync(since is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : null, ct),
            org,
            business,
            enterprise);
    }
}
