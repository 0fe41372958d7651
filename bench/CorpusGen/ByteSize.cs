using System.Globalization;

namespace Receipts.Bench.CorpusGen;

/// <summary>Parses sizes such as <c>1GB</c>, <c>200MB</c>, <c>512k</c> or <c>1000000</c> (powers of 1024).</summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim().ToUpperInvariant();
        if (trimmed.EndsWith('B'))
        {
            trimmed = trimmed[..^1];
        }

        long multiplier = 1;
        if (trimmed.Length > 0 && "KMGT".Contains(trimmed[^1], StringComparison.Ordinal))
        {
            multiplier = trimmed[^1] switch
            {
                'K' => 1L << 10,
                'M' => 1L << 20,
                'G' => 1L << 30,
                _ => 1L << 40,
            };
            trimmed = trimmed[..^1];
        }

        if (!decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        bytes = (long)(number * multiplier);
        return bytes > 0;
    }
}
