using System.Globalization;

namespace Receipts.Sources.Focus;

/// <summary>
/// FOCUS date/times: the spec's <c>2024-09-18T22:00:00Z</c>, the sample data's <c>2024-09-18 22:00:00</c>,
/// and anything ISO 8601 with an offset. Text without an offset is UTC.
/// </summary>
internal static class FocusDates
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        // Fast path for the two common shapes: yyyy-MM-dd[T ]HH:mm:ss[Z]
        if ((text.Length == 19 || (text.Length == 20 && text[19] == 'Z'))
            && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ') && text[13] == ':' && text[16] == ':'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day)
            && TryDigits(text.Slice(11, 2), out var hour) && TryDigits(text.Slice(14, 2), out var minute) && TryDigits(text.Slice(17, 2), out var second)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 2000, month)
            && year is >= 1 and <= 9999 && hour < 24 && minute < 60 && second < 60)
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
