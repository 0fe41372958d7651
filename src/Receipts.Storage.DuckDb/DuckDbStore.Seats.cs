using DuckDB.NET.Data;
using Receipts.Domain.Billing;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    public async Task<int> WriteSeatsAsync(IReadOnlyCollection<Seat> seats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seats);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            var added = 0;
            foreach (var seat in seats)
            {
                await using (var exists = Command("SELECT count(*) FROM seats WHERE tool = $tool AND person = $person AND valid_from = $from", transaction))
                {
                    exists.Parameters.Add(new DuckDBParameter("tool", seat.Tool));
                    exists.Parameters.Add(new DuckDBParameter("person", seat.Person));
                    exists.Parameters.Add(new DuckDBParameter("from", seat.From.ToDateTime(TimeOnly.MinValue)));
                    if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                    {
                        added++;
                    }
                }

                await using var command = Command(
                    """
                    INSERT INTO seats VALUES ($tool, $person, $from, $to, $plan, $cost, $currency, $at)
                    ON CONFLICT (tool, person, valid_from) DO UPDATE SET valid_to = excluded.valid_to, plan = excluded.plan,
                        monthly_cost = excluded.monthly_cost, currency = excluded.currency, updated_at = excluded.updated_at
                    """,
                    transaction);
                command.Parameters.Add(new DuckDBParameter("tool", seat.Tool));
                command.Parameters.Add(new DuckDBParameter("person", seat.Person));
                command.Parameters.Add(new DuckDBParameter("from", seat.From.ToDateTime(TimeOnly.MinValue)));
                command.Parameters.Add(new DuckDBParameter("to", seat.To?.ToDateTime(TimeOnly.MinValue)));
                command.Parameters.Add(new DuckDBParameter("plan", seat.Plan));
                command.Parameters.Add(new DuckDBParameter("cost", seat.MonthlyCost));
                command.Parameters.Add(new DuckDBParameter("currency", seat.Currency));
                command.Parameters.Add(new DuckDBParameter("at", _time.GetUtcNow().UtcDateTime));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Seat>> ReadSeatsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT tool, person, valid_from, valid_to, plan, monthly_cost, currency FROM seats ORDER BY tool, person, valid_from");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var seats = new List<Seat>();
            while (await reader.ReadAsync(cancellationToken))
            {
                seats.Add(new Seat
                {
                    Tool = reader.GetString(0),
                    Person = reader.GetString(1),
                    From = DateOnly.FromDateTime(reader.GetDateTime(2)),
                    To = reader.IsDBNull(3) ? null : DateOnly.FromDateTime(reader.GetDateTime(3)),
                    Plan = reader.IsDBNull(4) ? null : reader.GetString(4),
                    MonthlyCost = reader.GetDecimal(5),
                    Currency = reader.GetString(6),
                });
            }

            return seats;
        }
        finally
        {
            _gate.Release();
        }
    }
}
