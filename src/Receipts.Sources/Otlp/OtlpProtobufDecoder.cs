namespace Receipts.Sources.Otlp;

/// <summary>
/// Decodes OTLP/protobuf (<c>application/x-protobuf</c>) by hand, reading only the fields we use.
/// No NuGet package ships the generated OTLP classes, and copying the .proto files in is not allowed,
/// so the field numbers come from the OTLP definitions in open-telemetry/opentelemetry-proto
/// (<c>opentelemetry/proto/{common,resource,metrics,logs,trace}/v1/*.proto</c> and
/// <c>collector/*/v1/*_service.proto</c>), noted next to each read. Unknown fields are skipped, as
/// protobuf requires.
/// </summary>
internal static class OtlpProtobufDecoder
{
    public static OtlpDecodeResult Decode(OtlpSignal signal, ReadOnlyMemory<byte> body)
    {
        var context = new DecodeContext();
        try
        {
            var root = new ProtoMessage(body, 0, "$");
            return OtlpDecodeResult.Ok(signal switch
            {
                OtlpSignal.Metrics => DecodeMetrics(root, context),
                OtlpSignal.Logs => DecodeLogs(root, context),
                _ => DecodeTraces(root, context),
            });
        }
        catch (OtlpFormatException e)
        {
            return OtlpDecodeResult.Fail(e.Where, e.What);
        }
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    private static OtlpBatch DecodeMetrics(ProtoMessage root, DecodeContext context)
    {
        var points = new List<OtlpMetricPoint>();
        var r = 0;
        while (root.Next())
        {
            if (root.Field != 1)
            {
                root.Skip();
                continue;
            }

            // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
            var resourceMetrics = root.ReadMessage($"resourceMetrics[{r++}]");
            var resource = OtlpAttributes.Empty;
            var scopes = new List<ProtoMessage>();
            var s = 0;
            while (resourceMetrics.Next())
            {
                switch (resourceMetrics.Field)
                {
                    case 1:
                        resource = Resource(resourceMetrics.ReadMember("resource"), context);
                        break;
                    case 2:
                        scopes.Add(resourceMetrics.ReadItem("scopeMetrics", s++));
                        break;
                    default:
                        resourceMetrics.Skip();
                        break;
                }
            }

            foreach (var scopeMetrics in scopes)
            {
                // ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
                string? scopeName = null;
                var metrics = new List<ProtoMessage>();
                var m = 0;
                while (scopeMetrics.Next())
                {
                    switch (scopeMetrics.Field)
                    {
                        case 1:
                            scopeName = ScopeName(scopeMetrics.ReadMember("scope"));
                            break;
                        case 2:
                            metrics.Add(scopeMetrics.ReadItem("metrics", m++));
                            break;
                        default:
                            scopeMetrics.Skip();
                            break;
                    }
                }

                foreach (var metric in metrics)
                {
                    DecodeMetric(metric, resource, scopeName, points, context);
                }
            }
        }

        return new OtlpBatch(OtlpSignal.Metrics, points, [], [], context.DroppedContent);
    }

    // Metric { string name = 1; string description = 2; string unit = 3;
    //          oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9;
    //                       ExponentialHistogram exponential_histogram = 10; Summary summary = 11; } }
    private static void DecodeMetric(ProtoMessage metric, OtlpAttributes resource, string? scopeName, List<OtlpMetricPoint> points, DecodeContext context)
    {
        string name = "";
        string? unit = null;
        ProtoMessage? data = null;
        var kind = OtlpMetricKind.Gauge;
        while (metric.Next())
        {
            switch (metric.Field)
            {
                case 1:
                    name = metric.ReadString();
                    break;
                case 3:
                    unit = metric.ReadString();
                    break;
                case 5:
                    (kind, data) = (OtlpMetricKind.Gauge, metric.ReadMember("gauge"));
                    break;
                case 7:
                    (kind, data) = (OtlpMetricKind.Sum, metric.ReadMember("sum"));
                    break;
                case 9:
                    (kind, data) = (OtlpMetricKind.Histogram, metric.ReadMember("histogram"));
                    break;
                case 10:
                    (kind, data) = (OtlpMetricKind.ExponentialHistogram, metric.ReadMember("exponentialHistogram"));
                    break;
                case 11:
                    (kind, data) = (OtlpMetricKind.Summary, metric.ReadMember("summary"));
                    break;
                default:
                    metric.Skip();
                    break;
            }
        }

        if (data is null)
        {
            return;
        }

        // Gauge/Summary { repeated points = 1; }  Sum { points = 1; AggregationTemporality aggregation_temporality = 2; bool is_monotonic = 3; }
        // Histogram/ExponentialHistogram { points = 1; aggregation_temporality = 2; }
        var temporality = OtlpTemporality.Unspecified;
        var monotonic = false;
        var rawPoints = new List<ProtoMessage>();
        var p = 0;
        while (data.Next())
        {
            switch (data.Field)
            {
                case 1:
                    rawPoints.Add(data.ReadItem("dataPoints", p++));
                    break;
                case 2 when kind is OtlpMetricKind.Sum or OtlpMetricKind.Histogram or OtlpMetricKind.ExponentialHistogram:
                    temporality = (OtlpTemporality)data.ReadEnum();
                    break;
                case 3 when kind is OtlpMetricKind.Sum:
                    monotonic = data.ReadBool();
                    break;
                default:
                    data.Skip();
                    break;
            }
        }

        foreach (var raw in rawPoints)
        {
            var point = kind is OtlpMetricKind.Gauge or OtlpMetricKind.Sum ? NumberPoint(raw, context) : DistributionPoint(raw, kind, context);
            points.Add(point with
            {
                Resource = resource,
                ScopeName = scopeName,
                MetricName = name,
                Unit = unit,
                Kind = kind,
                Temporality = temporality,
                IsMonotonic = monotonic,
            });
        }
    }

    // NumberDataPoint { fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
    //                   oneof value { double as_double = 4; sfixed64 as_int = 6; } repeated KeyValue attributes = 7; }
    private static OtlpMetricPoint NumberPoint(ProtoMessage point, DecodeContext context)
    {
        ulong start = 0, time = 0;
        decimal? value = null;
        var attributes = new OtlpAttributes();
        while (point.Next())
        {
            switch (point.Field)
            {
                case 2:
                    start = point.ReadFixed64();
                    break;
                case 3:
                    time = point.ReadFixed64();
                    break;
                case 4:
                    value = OtlpNumbers.ToDecimal(point.ReadDouble());
                    break;
                case 6:
                    value = point.ReadSFixed64();
                    break;
                case 7:
                    AddAttribute(attributes, point.ReadMember("attributes"), context);
                    break;
                default:
                    point.Skip();
                    break;
            }
        }

        return Point(start, time, value, 0, attributes);
    }

    // HistogramDataPoint { fixed64 start = 2; fixed64 time = 3; fixed64 count = 4; optional double sum = 5; repeated KeyValue attributes = 9; }
    // ExponentialHistogramDataPoint { repeated KeyValue attributes = 1; fixed64 start = 2; fixed64 time = 3; fixed64 count = 4; optional double sum = 5; }
    // SummaryDataPoint { fixed64 start = 2; fixed64 time = 3; fixed64 count = 4; double sum = 5; repeated KeyValue attributes = 7; }
    private static OtlpMetricPoint DistributionPoint(ProtoMessage point, OtlpMetricKind kind, DecodeContext context)
    {
        var attributesField = kind switch
        {
            OtlpMetricKind.Histogram => 9,
            OtlpMetricKind.ExponentialHistogram => 1,
            _ => 7,
        };
        ulong start = 0, time = 0, count = 0;
        decimal? sum = null;
        var attributes = new OtlpAttributes();
        while (point.Next())
        {
            if (point.Field == attributesField)
            {
                AddAttribute(attributes, point.ReadMember("attributes"), context);
                continue;
            }

            switch (point.Field)
            {
                case 2:
                    start = point.ReadFixed64();
                    break;
                case 3:
                    time = point.ReadFixed64();
                    break;
                case 4:
                    count = point.ReadFixed64();
                    break;
                case 5:
                    sum = OtlpNumbers.ToDecimal(point.ReadDouble());
                    break;
                default:
                    point.Skip();
                    break;
            }
        }

        return Point(start, time, sum, count, attributes);
    }

    private static OtlpMetricPoint Point(ulong start, ulong time, decimal? value, ulong count, OtlpAttributes attributes) => new()
    {
        Resource = OtlpAttributes.Empty,
        MetricName = "",
        Kind = OtlpMetricKind.Gauge,
        StartTimeUnixNano = start,
        TimeUnixNano = time,
        Value = value,
        Count = count,
        Attributes = attributes,
    };

    // ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
    // ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
    // ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; }
    private static OtlpBatch DecodeLogs(ProtoMessage root, DecodeContext context)
    {
        var logs = new List<OtlpLogRecord>();
        foreach (var (resource, scopeName, record) in Nested(root, "resourceLogs", "scopeLogs", "logRecords", context))
        {
            logs.Add(LogRecord(record, resource, scopeName, context));
        }

        return new OtlpBatch(OtlpSignal.Logs, [], logs, [], context.DroppedContent);
    }

    // LogRecord { fixed64 time_unix_nano = 1; AnyValue body = 5; repeated KeyValue attributes = 6; bytes trace_id = 9;
    //             bytes span_id = 10; fixed64 observed_time_unix_nano = 11; string event_name = 12; }
    private static OtlpLogRecord LogRecord(ProtoMessage log, OtlpAttributes resource, string? scopeName, DecodeContext context)
    {
        ulong time = 0, observed = 0;
        string? eventName = null, bodyName = null, traceId = null, spanId = null;
        var attributes = new OtlpAttributes();
        while (log.Next())
        {
            switch (log.Field)
            {
                case 1:
                    time = log.ReadFixed64();
                    break;
                case 5:
                    var body = AnyValue(log.ReadMember("body"));
                    bodyName = body.Kind == OtlpValueKind.String ? OtlpBodyName.Keep(body.Text) : null;
                    break;
                case 6:
                    AddAttribute(attributes, log.ReadMember("attributes"), context);
                    break;
                case 9:
                    traceId = NullIfEmpty(log.ReadHexBytes());
                    break;
                case 10:
                    spanId = NullIfEmpty(log.ReadHexBytes());
                    break;
                case 11:
                    observed = log.ReadFixed64();
                    break;
                case 12:
                    eventName = NullIfEmpty(log.ReadString());
                    break;
                default:
                    log.Skip();
                    break;
            }
        }

        return new OtlpLogRecord
        {
            Resource = resource,
            ScopeName = scopeName,
            TimeUnixNano = time,
            ObservedTimeUnixNano = observed,
            EventName = eventName,
            BodyName = bodyName,
            Attributes = attributes,
            TraceId = traceId,
            SpanId = spanId,
        };
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    private static OtlpBatch DecodeTraces(ProtoMessage root, DecodeContext context)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (resource, scopeName, record) in Nested(root, "resourceSpans", "scopeSpans", "spans", context))
        {
            spans.Add(Span(record, resource, scopeName, context));
        }

        return new OtlpBatch(OtlpSignal.Traces, [], [], spans, context.DroppedContent);
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9; }
    private static OtlpSpan Span(ProtoMessage span, OtlpAttributes resource, string? scopeName, DecodeContext context)
    {
        string traceId = "", spanId = "";
        string? parent = null, name = null;
        var kind = 0;
        ulong start = 0, end = 0;
        var attributes = new OtlpAttributes();
        while (span.Next())
        {
            switch (span.Field)
            {
                case 1:
                    traceId = span.ReadHexBytes();
                    break;
                case 2:
                    spanId = span.ReadHexBytes();
                    break;
                case 4:
                    parent = NullIfEmpty(span.ReadHexBytes());
                    break;
                case 5:
                    name = span.ReadString();
                    break;
                case 6:
                    kind = span.ReadEnum();
                    break;
                case 7:
                    start = span.ReadFixed64();
                    break;
                case 8:
                    end = span.ReadFixed64();
                    break;
                case 9:
                    AddAttribute(attributes, span.ReadMember("attributes"), context);
                    break;
                default:
                    span.Skip();
                    break;
            }
        }

        return new OtlpSpan
        {
            Resource = resource,
            ScopeName = scopeName,
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent,
            Name = name,
            Kind = kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = end,
            Attributes = attributes,
        };
    }

    /// <summary>Walks request → resource X (1) → scope X (2) → items (2), the shape logs and traces share.</summary>
    private static IEnumerable<(OtlpAttributes Resource, string? ScopeName, ProtoMessage Item)> Nested(
        ProtoMessage root, string resourceName, string scopeName, string itemName, DecodeContext context)
    {
        var r = 0;
        while (root.Next())
        {
            if (root.Field != 1)
            {
                root.Skip();
                continue;
            }

            var resourceMessage = root.ReadMessage($"{resourceName}[{r++}]");
            var resource = OtlpAttributes.Empty;
            var scopes = new List<ProtoMessage>();
            var s = 0;
            while (resourceMessage.Next())
            {
                switch (resourceMessage.Field)
                {
                    case 1:
                        resource = Resource(resourceMessage.ReadMember("resource"), context);
                        break;
                    case 2:
                        scopes.Add(resourceMessage.ReadItem(scopeName, s++));
                        break;
                    default:
                        resourceMessage.Skip();
                        break;
                }
            }

            foreach (var scope in scopes)
            {
                string? name = null;
                var items = new List<ProtoMessage>();
                var i = 0;
                while (scope.Next())
                {
                    switch (scope.Field)
                    {
                        case 1:
                            name = ScopeName(scope.ReadMember("scope"));
                            break;
                        case 2:
                            items.Add(scope.ReadItem(itemName, i++));
                            break;
                        default:
                            scope.Skip();
                            break;
                    }
                }

                foreach (var item in items)
                {
                    yield return (resource, name, item);
                }
            }
        }
    }

    // Resource { repeated KeyValue attributes = 1; }
    private static OtlpAttributes Resource(ProtoMessage resource, DecodeContext context)
    {
        var attributes = new OtlpAttributes();
        while (resource.Next())
        {
            if (resource.Field == 1)
            {
                AddAttribute(attributes, resource.ReadMember("attributes"), context);
            }
            else
            {
                resource.Skip();
            }
        }

        return attributes;
    }

    // InstrumentationScope { string name = 1; string version = 2; }
    private static string? ScopeName(ProtoMessage scope)
    {
        string? name = null;
        while (scope.Next())
        {
            if (scope.Field == 1)
            {
                name = scope.ReadString();
            }
            else
            {
                scope.Skip();
            }
        }

        return name;
    }

    // KeyValue { string key = 1; AnyValue value = 2; }
    private static void AddAttribute(OtlpAttributes attributes, ProtoMessage pair, DecodeContext context)
    {
        var key = "";
        OtlpValue value = default;
        while (pair.Next())
        {
            switch (pair.Field)
            {
                case 1:
                    key = pair.ReadString();
                    break;
                case 2:
                    value = AnyValue(pair.ReadMember("value"));
                    break;
                default:
                    pair.Skip();
                    break;
            }
        }

        if (key.Length > 0 && value.Kind != OtlpValueKind.None && !attributes.TryAdd(key, value))
        {
            context.DroppedContent++;
        }
    }

    // AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    //            ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
    private static OtlpValue AnyValue(ProtoMessage any)
    {
        OtlpValue value = default;
        while (any.Next())
        {
            switch (any.Field)
            {
                case 1:
                    value = OtlpValue.FromString(any.ReadString());
                    break;
                case 2:
                    value = OtlpValue.FromBool(any.ReadBool());
                    break;
                case 3:
                    value = OtlpValue.FromInt(any.ReadInt64());
                    break;
                case 4:
                    value = OtlpValue.FromDouble(any.ReadDouble());
                    break;
                case 5 or 6 or 7:
                    any.Skip();
                    value = OtlpValue.Complex;
                    break;
                default:
                    any.Skip();
                    break;
            }
        }

        return value;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private sealed class DecodeContext
    {
        public int DroppedContent { get; set; }
    }
}
