using System.Globalization;
using System.Text.Json;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Decodes OTLP/JSON (<c>application/json</c>) per the OTLP spec's JSON mapping
/// (opentelemetry-proto <c>docs/specification.md</c>, "JSON Protobuf Encoding"): lowerCamelCase keys,
/// 64-bit integers as strings or numbers, enums as integers, trace and span ids as hex, unknown keys ignored.
/// </summary>
internal static class OtlpJsonDecoder
{
    private const int MaxDepth = 64;

    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

    public static OtlpDecodeResult Decode(OtlpSignal signal, ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return OtlpDecodeResult.Fail($"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", "not valid JSON: " + FirstSentence(e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OtlpDecodeResult.Fail("$", "the body must be a JSON object");
            }

            try
            {
                return OtlpDecodeResult.Ok(Decode(signal, root, new DecodeContext(trackPaths: false)));
            }
            catch (OtlpFormatException fast)
            {
                // Decoded again with paths, to say where; the same input fails at the same place.
                try
                {
                    Decode(signal, root, new DecodeContext(trackPaths: true));
                }
                catch (OtlpFormatException e)
                {
                    return OtlpDecodeResult.Fail(e.Where, e.What);
                }

                return OtlpDecodeResult.Fail(fast.Where, fast.What);
            }
        }
    }

    private static OtlpBatch Decode(OtlpSignal signal, JsonElement root, DecodeContext context) => signal switch
    {
        OtlpSignal.Metrics => DecodeMetrics(root, context),
        OtlpSignal.Logs => DecodeLogs(root, context),
        _ => DecodeTraces(root, context),
    };

    private static OtlpBatch DecodeMetrics(JsonElement root, DecodeContext context)
    {
        var points = new List<OtlpMetricPoint>();
        var r = 0;
        foreach (var resourceMetrics in Array(root, "resourceMetrics", "$"))
        {
            var rPath = context.Item(null, "resourceMetrics", r++);
            var resource = Resource(resourceMetrics, rPath, context);
            var s = 0;
            foreach (var scopeMetrics in Array(resourceMetrics, "scopeMetrics", rPath))
            {
                var sPath = context.Item(rPath, "scopeMetrics", s++);
                var scope = ScopeName(scopeMetrics, sPath);
                var m = 0;
                foreach (var metric in Array(scopeMetrics, "metrics", sPath))
                {
                    var mPath = context.Item(sPath, "metrics", m++);
                    DecodeMetric(metric, mPath, resource, scope, points, context);
                }
            }
        }

        return new OtlpBatch(OtlpSignal.Metrics, points, [], [], context.DroppedContent);
    }

    private static void DecodeMetric(JsonElement metric, string path, OtlpAttributes resource, string? scope, List<OtlpMetricPoint> points, DecodeContext context)
    {
        RequireObject(metric, path);
        var name = String(metric, "name", path) ?? "";
        var unit = String(metric, "unit", path);
        (string Key, OtlpMetricKind Kind)[] shapes =
        [
            ("gauge", OtlpMetricKind.Gauge), ("sum", OtlpMetricKind.Sum), ("histogram", OtlpMetricKind.Histogram),
            ("exponentialHistogram", OtlpMetricKind.ExponentialHistogram), ("summary", OtlpMetricKind.Summary),
        ];
        foreach (var (key, kind) in shapes)
        {
            if (!metric.TryGetProperty(key, out var data) || data.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var dataPath = context.Member(path, key);
            RequireObject(data, dataPath);
            var temporality = (OtlpTemporality)(Int64(data, "aggregationTemporality", dataPath) ?? 0);
            var monotonic = Bool(data, "isMonotonic", dataPath) ?? false;
            var p = 0;
            foreach (var point in Array(data, "dataPoints", dataPath))
            {
                var pPath = context.Item(dataPath, "dataPoints", p++);
                RequireObject(point, pPath);
                decimal? value;
                ulong count = 0;
                if (kind is OtlpMetricKind.Gauge or OtlpMetricKind.Sum)
                {
                    value = point.TryGetProperty("asInt", out var asInt) && asInt.ValueKind != JsonValueKind.Null
                        ? UInt64OrInt64(asInt, pPath + ".asInt")
                        : point.TryGetProperty("asDouble", out var asDouble) && asDouble.ValueKind != JsonValueKind.Null
                            ? OtlpNumbers.ToDecimal(Double(asDouble, pPath + ".asDouble"))
                            : null;
                }
                else
                {
                    count = UInt64(point, "count", pPath) ?? 0;
                    value = point.TryGetProperty("sum", out var sum) && sum.ValueKind != JsonValueKind.Null
                        ? OtlpNumbers.ToDecimal(Double(sum, pPath + ".sum"))
                        : null;
                }

                points.Add(new OtlpMetricPoint
                {
                    Resource = resource,
                    ScopeName = scope,
                    MetricName = name,
                    Unit = unit,
                    Kind = kind,
                    Temporality = temporality,
                    IsMonotonic = monotonic,
                    StartTimeUnixNano = UInt64(point, "startTimeUnixNano", pPath) ?? 0,
                    TimeUnixNano = UInt64(point, "timeUnixNano", pPath) ?? 0,
                    Value = value,
                    Count = count,
                    Attributes = Attributes(point, "attributes", pPath, context),
                });
            }

            return;
        }
    }

    private static OtlpBatch DecodeLogs(JsonElement root, DecodeContext context)
    {
        var logs = new List<OtlpLogRecord>();
        var r = 0;
        foreach (var resourceLogs in Array(root, "resourceLogs", "$"))
        {
            var rPath = context.Item(null, "resourceLogs", r++);
            var resource = Resource(resourceLogs, rPath, context);
            var s = 0;
            foreach (var scopeLogs in Array(resourceLogs, "scopeLogs", rPath))
            {
                var sPath = context.Item(rPath, "scopeLogs", s++);
                var scope = ScopeName(scopeLogs, sPath);
                var l = 0;
                foreach (var log in Array(scopeLogs, "logRecords", sPath))
                {
                    var lPath = context.Item(sPath, "logRecords", l++);
                    RequireObject(log, lPath);
                    string? bodyName = null;
                    if (log.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object
                        && body.TryGetProperty("stringValue", out var bodyText) && bodyText.ValueKind == JsonValueKind.String)
                    {
                        bodyName = OtlpBodyName.Keep(bodyText.GetString());
                    }

                    logs.Add(new OtlpLogRecord
                    {
                        Resource = resource,
                        ScopeName = scope,
                        TimeUnixNano = UInt64(log, "timeUnixNano", lPath) ?? 0,
                        ObservedTimeUnixNano = UInt64(log, "observedTimeUnixNano", lPath) ?? 0,
                        EventName = String(log, "eventName", lPath) is { Length: > 0 } eventName ? eventName : null,
                        BodyName = bodyName,
                        Attributes = Attributes(log, "attributes", lPath, context),
                        TraceId = HexId(log, "traceId", lPath),
                        SpanId = HexId(log, "spanId", lPath),
                    });
                }
            }
        }

        return new OtlpBatch(OtlpSignal.Logs, [], logs, [], context.DroppedContent);
    }

    private static OtlpBatch DecodeTraces(JsonElement root, DecodeContext context)
    {
        var spans = new List<OtlpSpan>();
        var r = 0;
        foreach (var resourceSpans in Array(root, "resourceSpans", "$"))
        {
            var rPath = context.Item(null, "resourceSpans", r++);
            var resource = Resource(resourceSpans, rPath, context);
            var s = 0;
            foreach (var scopeSpans in Array(resourceSpans, "scopeSpans", rPath))
            {
                var sPath = context.Item(rPath, "scopeSpans", s++);
                var scope = ScopeName(scopeSpans, sPath);
                var i = 0;
                foreach (var span in Array(scopeSpans, "spans", sPath))
                {
                    var spanPath = context.Item(sPath, "spans", i++);
                    RequireObject(span, spanPath);
                    spans.Add(new OtlpSpan
                    {
                        Resource = resource,
                        ScopeName = scope,
                        TraceId = HexId(span, "traceId", spanPath) ?? "",
                        SpanId = HexId(span, "spanId", spanPath) ?? "",
                        ParentSpanId = HexId(span, "parentSpanId", spanPath),
                        Name = String(span, "name", spanPath),
                        Kind = (int)(Int64(span, "kind", spanPath) ?? 0),
                        StartTimeUnixNano = UInt64(span, "startTimeUnixNano", spanPath) ?? 0,
                        EndTimeUnixNano = UInt64(span, "endTimeUnixNano", spanPath) ?? 0,
                        Attributes = Attributes(span, "attributes", spanPath, context),
                    });
                }
            }
        }

        return new OtlpBatch(OtlpSignal.Traces, [], [], spans, context.DroppedContent);
    }

    private static OtlpAttributes Resource(JsonElement parent, string path, DecodeContext context)
    {
        RequireObject(parent, path);
        if (!parent.TryGetProperty("resource", out var resource) || resource.ValueKind == JsonValueKind.Null)
        {
            return OtlpAttributes.Empty;
        }

        var resourcePath = context.Member(path, "resource");
        RequireObject(resource, resourcePath);
        return Attributes(resource, "attributes", resourcePath, context);
    }

    private static string? ScopeName(JsonElement parent, string path)
    {
        RequireObject(parent, path);
        if (!parent.TryGetProperty("scope", out var scope) || scope.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return String(scope, "name", path + ".scope");
    }

    private static OtlpAttributes Attributes(JsonElement parent, string name, string path, DecodeContext context)
    {
        var attributes = new OtlpAttributes();
        var i = 0;
        foreach (var pair in Array(parent, name, path))
        {
            var pairPath = context.Item(path, name, i++);
            RequireObject(pair, pairPath);
            var key = String(pair, "key", pairPath);
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            var value = pair.TryGetProperty("value", out var any) ? AnyValue(any, context.Member(pairPath, "value"), context) : default;
            if (value.Kind != OtlpValueKind.None && !attributes.TryAdd(key, value))
            {
                context.DroppedContent++;
            }
        }

        return attributes;
    }

    private static OtlpValue AnyValue(JsonElement any, string path, DecodeContext context)
    {
        if (any.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        RequireObject(any, path);
        foreach (var property in any.EnumerateObject())
        {
            // NameEquals compares the UTF-8 bytes: no string per property.
            var value = property.Value;
            if (property.NameEquals("stringValue"))
            {
                return value.ValueKind == JsonValueKind.String
                    ? OtlpValue.FromString(value.GetString()!)
                    : throw new OtlpFormatException(ValuePath(context, path, property), "expected a string");
            }

            if (property.NameEquals("intValue"))
            {
                return OtlpValue.FromInt(Int64Value(value, ValuePath(context, path, property)));
            }

            if (property.NameEquals("doubleValue"))
            {
                return OtlpValue.FromDouble(Double(value, ValuePath(context, path, property)));
            }

            if (property.NameEquals("boolValue"))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.True => OtlpValue.FromBool(true),
                    JsonValueKind.False => OtlpValue.FromBool(false),
                    _ => throw new OtlpFormatException(ValuePath(context, path, property), "expected true or false"),
                };
            }

            if (property.NameEquals("arrayValue") || property.NameEquals("kvlistValue") || property.NameEquals("bytesValue"))
            {
                return OtlpValue.Complex;
            }
        }

        return default;
    }

    private static string ValuePath(DecodeContext context, string path, JsonProperty property) =>
        context.TrackPaths ? context.Member(path, property.Name) : string.Empty;

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return EmptyArray.EnumerateArray();
        }

        return array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : throw new OtlpFormatException($"{path}.{name}", $"expected an array, found {Describe(array.ValueKind)}");
    }

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpFormatException(path, $"expected an object, found {Describe(element.ValueKind)}");
        }
    }

    private static string? String(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new OtlpFormatException($"{path}.{name}", $"expected a string, found {Describe(value.ValueKind)}");
    }

    private static bool? Bool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new OtlpFormatException($"{path}.{name}", "expected true or false"),
        };
    }

    private static ulong? UInt64(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetUInt64(out var number) => number,
            JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new OtlpFormatException($"{path}.{name}", $"expected an unsigned 64-bit integer (number or decimal string), found {value.GetRawText()}"),
        };
    }

    private static long? Int64(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Int64Value(value, path, name);
    }

    private static long Int64Value(JsonElement value, string path, string? name = null) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new OtlpFormatException(name is null ? path : $"{path}.{name}", $"expected a 64-bit integer (number or decimal string), found {value.GetRawText()}"),
    };

    // asInt is sfixed64; accept it as either sign.
    private static decimal UInt64OrInt64(JsonElement value, string path) => Int64Value(value, path);

    private static double Double(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
        JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new OtlpFormatException(path, $"expected a number, found {value.GetRawText()}"),
    };

    private static string? HexId(JsonElement parent, string name, string path)
    {
        var text = String(parent, name, path);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new OtlpFormatException($"{path}.{name}", "expected a hex id");
            }
        }

        return text.ToLowerInvariant();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>
    /// Per-decode state. Paths ("resourceLogs[0].scopeLogs[1]…") are built only when <see cref="TrackPaths"/> is on:
    /// a body is decoded without them, and only one that fails is decoded again with them to say where.
    /// </summary>
    private sealed class DecodeContext(bool trackPaths)
    {
        public bool TrackPaths { get; } = trackPaths;

        public int DroppedContent { get; set; }

        public string Item(string? parent, string name, int index) =>
            !TrackPaths ? string.Empty : parent is null ? $"{name}[{index}]" : $"{parent}.{name}[{index}]";

        public string Member(string parent, string name) => TrackPaths ? $"{parent}.{name}" : string.Empty;
    }
}
