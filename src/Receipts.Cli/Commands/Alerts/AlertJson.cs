using System.Globalization;
using System.Text.Json;
using Receipts.Cli.Output;
using Receipts.Domain.Alerts;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>The JSON shape of an alert in <c>receipts alerts --json</c> and <c>alerts check --json</c>.</summary>
internal static class AlertJson
{
    public static void Write(Utf8JsonWriter w, Alert alert, IEnumerable<AlertDelivery> deliveries)
    {
        w.WriteStartObject();
        w.WriteString("key", alert.Key);
        w.WriteString("kind", KindName(alert.Kind));
        w.WriteString("severity", alert.Severity.ToString().ToLowerInvariant());
        w.WriteString("subject", alert.Subject);
        w.WriteString("title", alert.Title);
        w.WriteString("detail", alert.Detail);
        w.WriteString("raisedAt", alert.RaisedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (alert.Since is { } since)
        {
            w.WriteString("since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }

        if (alert.Observed is { } observed)
        {
            w.WriteMoney("observed", observed);
        }

        if (alert.Expected is { } expected)
        {
            w.WriteMoney("expected", expected);
        }

        if (alert.Driver is { } driver)
        {
            w.WriteString("driver", driver);
        }

        w.WriteStartArray("deliveries");
        foreach (var d in deliveries)
        {
            w.WriteStartObject();
            w.WriteString("channel", d.Channel);
            w.WriteBoolean("delivered", d.Delivered);
            w.WriteNumber("attempts", d.Attempts);
            if (d.Error is { } error)
            {
                w.WriteString("error", error);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string KindName(AlertKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
