using Receipts.Domain.Billing;
using Receipts.Sources.Focus;
using Receipts.Sources.Seats;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Seats;

public sealed class SeatsCsvTests
{
    [Fact]
    public async Task Read_ThenStoreTwice_KeepsOneCopyOfEachSeat()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var path = Path.Combine(temp.Directory, "seats.csv");
        await File.WriteAllTextAsync(path, """
            Person,Tool,Plan,Monthly_Cost,Currency,From,To
            sarah@example.com,Claude,"Max 20x",200,,2026-01-01,
            dev@example.com,copilot,Business,19.00,eur,2025-06-01,2026-02-28
            """);

        var seats = SeatsCsv.Read(path);
        (await temp.Store.WriteSeatsAsync(seats, CancellationToken.None)).ShouldBe(2);
        (await temp.Store.WriteSeatsAsync(SeatsCsv.Read(path), CancellationToken.None)).ShouldBe(0);

        var stored = await temp.Store.ReadSeatsAsync(CancellationToken.None);
        stored.Count.ShouldBe(2);
        stored.ShouldContain(new Seat { Tool = "claude", Person = "sarah@example.com", Plan = "Max 20x", MonthlyCost = 200m, Currency = "USD", From = new DateOnly(2026, 1, 1) });
        stored.ShouldContain(new Seat { Tool = "copilot", Person = "dev@example.com", Plan = "Business", MonthlyCost = 19m, Currency = "EUR", From = new DateOnly(2025, 6, 1), To = new DateOnly(2026, 2, 28) });
    }

    [Fact]
    public async Task Read_BadRows_NamesFileLineAndColumnOfEach()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var path = Path.Combine(temp.Directory, "seats.csv");
        await File.WriteAllTextAsync(path, """
            tool,person,monthly_cost,from,to
            claude,a@example.com,200,2026-01-01,
            claude,b@example.com,lots,2026-01-01,
            claude,c@example.com,20,01/02/2026,
            claude,d@example.com,20,2026-03-01,2026-02-01
            """);

        var error = Should.Throw<FocusFormatException>(() => SeatsCsv.Read(path));

        error.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "seats.csv:3:monthly_cost: 'lots' is not a non-negative amount",
            "seats.csv:4:from: '01/02/2026' is not a day (YYYY-MM-DD)",
            "seats.csv:5:to: the seat ends before it starts",
        ]);
    }

    [Fact]
    public async Task Read_MissingColumn_SaysWhichAndTheExpectedHeader()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var path = Path.Combine(temp.Directory, "seats.csv");
        await File.WriteAllTextAsync(path, "tool,person\nclaude,a@example.com\n");

        Should.Throw<FocusFormatException>(() => SeatsCsv.Read(path)).Message.ShouldContain("seats.csv:1: missing columns monthly_cost, from");
    }
}
