using System.CommandLine;
using System.Globalization;
using Receipts.Sources.Focus;
using Receipts.Sources.Seats;

namespace Receipts.Cli.Commands.Import;

/// <summary><c>receipts import seats FILE</c>: subscription seats from a CSV.</summary>
internal static class ImportSeatsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV with tool,person,monthly_cost,from[,to,plan,currency]" };
        var command = new Command(
            "seats",
            """
            Import subscription seats (Claude Max, Copilot, Cursor…) from a CSV: who holds one, what it costs a month,
            from which day (and until which day, inclusive). A seat is keyed by tool, person and start day, so
            re-importing the file changes nothing and an edited row updates its seat. Bad rows stop the import
            with file:line:column and nothing is written.

            Example file:
              tool,person,plan,monthly_cost,currency,from,to
              claude,sarah@example.com,Max 20x,200,USD,2026-01-01,
              copilot,dev@example.com,Business,19,USD,2025-06-01,2026-02-28

            Examples:
              receipts import seats seats.csv
            """);
        command.Arguments.Add(file);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var path = Path.GetFullPath(context.Get(file)!, environment.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new UserException($"No such file: {path}", "Check the path of the seats CSV.");
            }

            IReadOnlyList<Domain.Billing.Seat> seats;
            try
            {
                seats = SeatsCsv.Read(path);
            }
            catch (FocusFormatException e)
            {
                foreach (var error in e.Errors.Skip(1))
                {
                    await environment.Error.WriteLineAsync(error.ToString());
                }

                throw new UserException($"{e.Errors[0]}{(e.Errors.Count > 1 ? $" (and {e.Errors.Count - 1} more above)" : string.Empty)}; nothing was imported.", "Fix the rows named and run the import again.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var added = await store.WriteSeatsAsync(seats, cancellationToken);
            var monthly = seats.Where(s => s.To is null).GroupBy(s => s.Currency).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Sum(s => s.MonthlyCost):N2} {g.Key}"));
            await environment.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{seats.Count:N0} seats read, {added:N0} new, {seats.Count - added:N0} updated or unchanged; running seats cost {string.Join(" + ", monthly.DefaultIfEmpty("0"))} a month."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
