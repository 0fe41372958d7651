using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>
/// Writes one set of OTLP data in both encodings, so a test can feed the JSON and the protobuf form of
/// the same export to the receiver. Values: string, long, double or bool.
/// </summary>
internal static class TestPayload
{
    public sealed record Kv(string Key, object Value);

    public sealed record Point(Kv[] Attributes, ulong Start, ulong Time, object Value, ulong Count = 0);

    public sealed record Metric(string Name, string Unit, string Kind, int Temporality, Point[] Points);

    public sealed record Log(ulong Time, string? Body, string? EventName, Kv[] Attributes);

    public sealed record Span(string TraceId, string SpanId, string Name, ulong Start, ulong End, Kv[] Attributes);

    public static Kv A(string key, object value) => new(key, value);

    // ---------- JSON (OTLP JSON mapping: lowerCamelCase, int64 as strings, hex ids) ----------

    public static byte[] MetricsJson(Kv[] resource, params Metric[] metrics) => Json(new Dictionary<string, object>
    {
        ["resourceMetrics"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["resource"] = new Dictionary<string, object> { ["attributes"] = JsonAttributes(resource) },
                ["scopeMetrics"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["scope"] = new Dictionary<string, object> { ["name"] = "com.anthropic.claude_code" },
                        ["metrics"] = metrics.Select(JsonMetric).ToArray(),
                    },
                },
            },
        },
    });

    public static byte[] LogsJson(Kv[] resource, params Log[] logs) => Json(new Dictionary<string, object>
    {
        ["resourceLogs"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["resource"] = new Dictionary<string, object> { ["attributes"] = JsonAttributes(resource) },
                ["scopeLogs"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["scope"] = new Dictionary<string, object> { ["name"] = "com.anthropic.claude_code" },
                        ["logRecords"] = logs.Select(JsonLog).ToArray(),
                    },
                },
            },
        },
    });

    public static byte[] TracesJson(Kv[] resource, params Span[] spans) => Json(new Dictionary<string, object>
    {
        ["resourceSpans"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["resource"] = new Dictionary<string, object> { ["attributes"] = JsonAttributes(resource) },
                ["scopeSpans"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["scope"] = new Dictionary<string, object> { ["name"] = "test" },
                        ["spans"] = spans.Select(s => (object)new Dictionary<string, object>
                        {
                            ["traceId"] = s.TraceId,
                            ["spanId"] = s.SpanId,
                            ["name"] = s.Name,
                            ["kind"] = 3,
                            ["startTimeUnixNano"] = Text(s.Start),
                            ["endTimeUnixNano"] = Text(s.End),
                            ["attributes"] = JsonAttributes(s.Attributes),
                        }).ToArray(),
                    },
                },
            },
        },
    });

    private static object JsonMetric(Metric metric)
    {
        var points = metric.Points.Select(p =>
        {
            var point = new Dictionary<string, object>
            {
                ["attributes"] = JsonAttributes(p.Attributes),
                ["startTimeUnixNano"] = Text(p.Start),
                ["timeUnixNano"] = Text(p.Time),
            };
            if (metric.Kind == "histogram")
            {
                point["count"] = Text(p.Count);
                point["sum"] = Convert.ToDouble(p.Value, CultureInfo.InvariantCulture);
            }
            else if (p.Value is long l)
            {
                point["asInt"] = Text(l);
            }
            else
            {
                point["asDouble"] = (double)p.Value;
            }

            return (object)point;
        }).ToArray();
        var data = new Dictionary<string, object> { ["dataPoints"] = points };
        if (metric.Kind != "gauge")
        {
            data["aggregationTemporality"] = metric.Temporality;
        }

        if (metric.Kind == "sum")
        {
            data["isMonotonic"] = true;
        }

        return new Dictionary<string, object> { ["name"] = metric.Name, ["unit"] = metric.Unit, [metric.Kind] = data };
    }

    private static object JsonLog(Log log)
    {
        var record = new Dictionary<string, object>
        {
            ["timeUnixNano"] = Text(log.Time),
            ["observedTimeUnixNano"] = Text(log.Time),
            ["attributes"] = JsonAttributes(log.Attributes),
        };
        if (log.Body is not null)
        {
            record["body"] = new Dictionary<string, object> { ["stringValue"] = log.Body };
        }

        if (log.EventName is not null)
        {
            record["eventName"] = log.EventName;
        }

        return record;
    }

    private static object[] JsonAttributes(Kv[] attributes) => attributes.Select(a => (object)new Dictionary<string, object>
    {
        ["key"] = a.Key,
        ["value"] = a.Value switch
        {
            string s => new Dictionary<string, object> { ["stringValue"] = s },
            long l => new Dictionary<string, object> { ["intValue"] = Text(l) },
            int i => new Dictionary<string, object> { ["intValue"] = i },
            double d => new Dictionary<string, object> { ["doubleValue"] = d },
            bool b => new Dictionary<string, object> { ["boolValue"] = b },
            _ => throw new ArgumentException("unsupported value"),
        },
    }).ToArray();

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    // ---------- protobuf (field numbers from opentelemetry-proto) ----------

    public static byte[] MetricsProtobuf(Kv[] resource, params Metric[] metrics) =>
        Message(w => w.Message(1, r =>
        {
            r.Message(1, res => Attributes(res, 1, resource));
            r.Message(2, scope =>
            {
                scope.Message(1, s => s.String(1, "com.anthropic.claude_code"));
                foreach (var metric in metrics)
                {
                    scope.Message(2, m => ProtoMetric(m, metric));
                }
            });
        }));

    public static byte[] LogsProtobuf(Kv[] resource, params Log[] logs) =>
        Message(w => w.Message(1, r =>
        {
            r.Message(1, res => Attributes(res, 1, resource));
            r.Message(2, scope =>
            {
                scope.Message(1, s => s.String(1, "com.anthropic.claude_code"));
                foreach (var log in logs)
                {
                    scope.Message(2, l =>
                    {
                        l.Fixed64(1, log.Time);
                        if (log.Body is not null)
                        {
                            l.Message(5, b => b.String(1, log.Body));
                        }

                        Attributes(l, 6, log.Attributes);
                        l.Fixed64(11, log.Time);
                        if (log.EventName is not null)
                        {
                            l.String(12, log.EventName);
                        }
                    });
                }
            });
        }));

    public static byte[] TracesProtobuf(Kv[] resource, params Span[] spans) =>
        Message(w => w.Message(1, r =>
        {
            r.Message(1, res => Attributes(res, 1, resource));
            r.Message(2, scope =>
            {
                scope.Message(1, s => s.String(1, "test"));
                foreach (var span in spans)
                {
                    scope.Message(2, s =>
                    {
                        s.Bytes(1, Convert.FromHexString(span.TraceId));
                        s.Bytes(2, Convert.FromHexString(span.SpanId));
                        s.String(5, span.Name);
                        s.Varint(6, 3);
                        s.Fixed64(7, span.Start);
                        s.Fixed64(8, span.End);
                        Attributes(s, 9, span.Attributes);
                    });
                }
            });
        }));

    private static void ProtoMetric(Writer m, Metric metric)
    {
        m.String(1, metric.Name);
        m.String(3, metric.Unit);
        var field = metric.Kind switch
        {
            "gauge" => 5,
            "sum" => 7,
            _ => 9,
        };
        m.Message(field, data =>
        {
            foreach (var p in metric.Points)
            {
                data.Message(1, point =>
                {
                    point.Fixed64(2, p.Start);
                    point.Fixed64(3, p.Time);
                    if (metric.Kind == "histogram")
                    {
                        point.Fixed64(4, p.Count);
                        point.Double(5, Convert.ToDouble(p.Value, CultureInfo.InvariantCulture));
                        Attributes(point, 9, p.Attributes);
                    }
                    else
                    {
                        if (p.Value is long l)
                        {
                            point.SFixed64(6, l);
                        }
                        else
                        {
                            point.Double(4, (double)p.Value);
                        }

                        Attributes(point, 7, p.Attributes);
                    }
                });
            }

            if (metric.Kind != "gauge")
            {
                data.Varint(2, metric.Temporality);
            }

            if (metric.Kind == "sum")
            {
                data.Varint(3, 1);
            }
        });
    }

    private static void Attributes(Writer w, int field, Kv[] attributes)
    {
        foreach (var a in attributes)
        {
            w.Message(field, kv =>
            {
                kv.String(1, a.Key);
                kv.Message(2, v =>
                {
                    switch (a.Value)
                    {
                        case string s:
                            v.String(1, s);
                            break;
                        case bool b:
                            v.Varint(2, b ? 1 : 0);
                            break;
                        case long l:
                            v.Varint(3, l);
                            break;
                        case int i:
                            v.Varint(3, i);
                            break;
                        case double d:
                            v.Double(4, d);
                            break;
                        default:
                            throw new ArgumentException("unsupported value");
                    }
                });
            });
        }
    }

    private static byte[] Message(Action<Writer> build)
    {
        using var writer = new Writer();
        build(writer);
        return writer.ToArray();
    }

    /// <summary>A tiny protobuf writer over Google.Protobuf's CodedOutputStream.</summary>
    internal sealed class Writer : IDisposable
    {
        private readonly MemoryStream _stream = new();
        private readonly CodedOutputStream _output;

        public Writer() => _output = new CodedOutputStream(_stream);

        public void String(int field, string value)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteString(value);
        }

        public void Bytes(int field, byte[] value)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteBytes(ByteString.CopyFrom(value));
        }

        public void Varint(int field, long value)
        {
            _output.WriteTag(field, WireFormat.WireType.Varint);
            _output.WriteInt64(value);
        }

        public void Fixed64(int field, ulong value)
        {
            _output.WriteTag(field, WireFormat.WireType.Fixed64);
            _output.WriteFixed64(value);
        }

        public void SFixed64(int field, long value)
        {
            _output.WriteTag(field, WireFormat.WireType.Fixed64);
            _output.WriteSFixed64(value);
        }

        public void Double(int field, double value)
        {
            _output.WriteTag(field, WireFormat.WireType.Fixed64);
            _output.WriteDouble(value);
        }

        public void Message(int field, Action<Writer> build)
        {
            using var inner = new Writer();
            build(inner);
            Bytes(field, inner.ToArray());
        }

        public byte[] ToArray()
        {
            _output.Flush();
            return _stream.ToArray();
        }

        public void Dispose()
        {
            _output.Dispose();
            _stream.Dispose();
        }
    }

    public static string Describe(IEnumerable<Receipts.Domain.Usage.UsageRecord> records) =>
        string.Join("\n", records.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(r)));

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
