using System.Globalization;
using System.Text;
using Receipts.Domain.Billing;

namespace Receipts.Storage.DuckDb;

/// <summary>
/// A temporary CSV of billing lines in <c>billing_lines</c> column order (without <c>write_id</c>), for
/// DuckDB's <c>read_csv</c> to load in bulk. Strings are always quoted (so an empty string stays empty),
/// nulls are bare empty fields, decimals and instants are written exactly in invariant form. Deleted on dispose.
/// </summary>
internal sealed class BillingCsvSpool : IDisposable
{
    public const string ColumnTypes = """
        {'id': 'VARCHAR', 'source': 'VARCHAR', 'dataset': 'VARCHAR', 'provider': 'VARCHAR', 'period_start': 'TIMESTAMP',
         'period_end': 'TIMESTAMP', 'identity_kind': 'VARCHAR', 'identity_id': 'VARCHAR', 'identity_alias': 'VARCHAR',
         'group_id': 'VARCHAR', 'model': 'VARCHAR', 'service_tier': 'VARCHAR', 'input_tokens': 'BIGINT', 'output_tokens': 'BIGINT',
         'cache_read_tokens': 'BIGINT', 'cache_write_5m_tokens': 'BIGINT', 'cache_write_1h_tokens': 'BIGINT', 'requests': 'BIGINT',
         'amount': 'DECIMAL(28,12)', 'effective_amount': 'DECIMAL(28,12)', 'list_amount': 'DECIMAL(28,12)', 'currency': 'VARCHAR',
         'basis': 'TINYINT', 'charge_category': 'VARCHAR', 'sku': 'VARCHAR', 'description': 'VARCHAR', 'service_name': 'VARCHAR',
         'quantity': 'DECIMAL(38,12)', 'unit': 'VARCHAR', 'tags': 'VARCHAR', 'attributes': 'VARCHAR'}
        """;

    private readonly StreamWriter _writer;
    private bool _closed;

    public BillingCsvSpool()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"receipts-billing-{Guid.NewGuid():n}.csv");
        _writer = new StreamWriter(Path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
    }

    public string Path { get; }

    public void Write(BillingLine l, JsonMapCache json)
    {
        Text(l.Id);
        Text(l.Source);
        Text(l.Dataset);
        Text(l.Provider);
        Instant(l.PeriodStart);
        Instant(l.PeriodEnd);
        Text(l.IdentityKind.ToText());
        Text(l.IdentityId);
        Text(l.IdentityAlias);
        Text(l.GroupId);
        Text(l.Model);
        Text(l.ServiceTier);
        Number(l.Tokens.Input);
        Number(l.Tokens.Output);
        Number(l.Tokens.CacheRead);
        Number(l.Tokens.CacheWrite5m);
        Number(l.Tokens.CacheWrite1h);
        Number(l.Requests);
        Money(l.Amount);
        Money(l.EffectiveAmount);
        Money(l.ListAmount);
        Text(l.Currency);
        Number((sbyte)l.Basis);
        Text(l.ChargeCategory);
        Text(l.Sku);
        Text(l.Description);
        Text(l.ServiceName);
        Money(l.Quantity);
        Text(l.Unit);
        Text(json.Get(l.Tags));
        Text(json.Get(l.Attributes), last: true);
    }

    public void Close()
    {
        if (!_closed)
        {
            _writer.Dispose();
            _closed = true;
        }
    }

    public void Dispose()
    {
        Close();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless.
        }
    }

    private void Text(string? value, bool last = false)
    {
        if (value is not null)
        {
            _writer.Write('"');
            if (value.Contains('"', StringComparison.Ordinal))
            {
                _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            }
            else
            {
                _writer.Write(value);
            }

            _writer.Write('"');
        }

        _writer.Write(last ? '\n' : ',');
    }

    private void Instant(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[32];
        value.UtcDateTime.TryFormat(buffer, out var n, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        _writer.Write(buffer[..n]);
        _writer.Write(',');
    }

    private void Number(long value)
    {
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var n, provider: CultureInfo.InvariantCulture);
        _writer.Write(buffer[..n]);
        _writer.Write(',');
    }

    private void Money(decimal? value)
    {
        if (value is { } v)
        {
            Span<char> buffer = stackalloc char[40];
            v.TryFormat(buffer, out var n, provider: CultureInfo.InvariantCulture);
            _writer.Write(buffer[..n]);
        }

        _writer.Write(',');
    }
}
