using System.CommandLine;

namespace Receipts.Cli.Commands.Prices;

/// <summary><c>receipts prices</c>: the price book costs are estimated with.</summary>
internal static class PricesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "prices",
            """
            The price book: list prices per model that usage without a billed cost is estimated with.
            Built-in prices cover current Anthropic and OpenAI models; imported prices (a LiteLLM
            model_prices_and_context_window.json) add models and override built-ins with the same id.

            Examples:
              receipts prices list
              receipts prices list claude-sonnet-4-5-20250929
              receipts prices import model_prices_and_context_window.json
            """);
        command.Subcommands.Add(PricesListCommand.Create(environment));
        command.Subcommands.Add(PricesImportCommand.Create(environment));
        return command;
    }
}
