using Receipts.Domain.Tickets;

namespace Receipts.Cli.Commands.Import;

/// <summary>Turns <c>--ticket-pattern</c> values into a parser, or a user error naming the bad pattern.</summary>
internal static class TicketPatterns
{
    public static TicketIdParser Parser(string[]? patterns)
    {
        if (patterns is not { Length: > 0 })
        {
            return TicketIdParser.Default;
        }

        try
        {
            return new TicketIdParser(patterns);
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.Message, "Fix the --ticket-pattern value; for example '(?<id>PAY-[0-9]+)'.", e);
        }
    }
}
