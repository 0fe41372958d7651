namespace Receipts.Domain.Pricing;

/// <summary>Why a price file was refused: the model key and field at fault (or the line, for broken JSON).</summary>
public sealed record PriceFileError(string? Key, string? Field, string Message, long? Line = null)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"line {line}: " : string.Empty;
        if (Key is not null)
        {
            where += Field is null ? $"model \"{Key}\": " : $"model \"{Key}\", field \"{Field}\": ";
        }

        return where + Message;
    }
}
