using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Billing;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string SeatUpsert = """
        INSERT INTO seats VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (tool, person, valid_from) DO UPDATE SET valid_to = excluded.valid_to, plan = excluded.plan,
            monthly_cost = excluded.monthly_cost, currency = excluded.currency, updated_at = excluded.updated_at
        RETURNING (xmax = 0) AS inserted
        """;

    public async Task<int> WriteSeatsAsync(IReadOnlyCollection<Seat> seats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seats);
        if (seats.Count == 0)
        {
            return 0;
        }

        var at = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;

        // One statement per seat, in order, so a later copy of a key in the same write updates the earlier one.
        foreach (var seat in seats)
        {
            await using var command = new NpgsqlCommand(SeatUpsert, connection, transaction);
            command.Parameters.Add(Param(seat.Tool, NpgsqlDbType.Text));
            command.Parameters.Add(Param(seat.Person, NpgsqlDbType.Text));
            command.Parameters.Add(Param(seat.From, NpgsqlDbType.Date));
            command.Parameters.Add(Param(seat.To, NpgsqlDbType.Date));
            command.Parameters.Add(Param(seat.Plan, NpgsqlDbType.Text));
            command.Parameters.Add(Param(seat.MonthlyCost, NpgsqlDbType.Numeric));
            command.Parameters.Add(Param(seat.Currency, NpgsqlDbType.Text));
            command.Parameters.Add(Param(at, NpgsqlDbType.TimestampTz));
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                added++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<Seat>> ReadSeatsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT tool, person, valid_from, valid_to, plan, monthly_cost, currency FROM seats ORDER BY tool COLLATE \"C\", person COLLATE \"C\", valid_from");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var seats = new List<Seat>();
        while (await reader.ReadAsync(cancellationToken))
        {
            seats.Add(new Seat
            {
                Tool = reader.GetString(0),
                Person = reader.GetString(1),
                From = reader.GetFieldValue<DateOnly>(2),
                To = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                Plan = reader.IsDBNull(4) ? null : reader.GetString(4),
                MonthlyCost = reader.GetDecimal(5),
                Currency = reader.GetString(6),
            });
        }

        return seats;
    }
}
