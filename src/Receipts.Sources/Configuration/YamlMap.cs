using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Receipts.Sources.Configuration;

/// <summary>
/// A mapping node of <c>receipts.yaml</c> with typed reads that fail with the file, line and dotted field
/// name. Every key must be read or be listed as known: an unknown key (a typo) is an error.
/// To extend the file, read the new key where its section is parsed.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, string field)
    {
        _node = node;
        _file = file;
        Field = field;
    }

    /// <summary>The dotted path of this mapping (empty at the root).</summary>
    public string Field { get; }

    public int Line => (int)_node.Start.Line;

    public IEnumerable<(string Key, YamlNode Value, int Line)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            var name = key is YamlScalarNode { Value: { } k } ? k : throw Error(key, "(key)", "keys must be plain names");
            _seen.Add(name);
            yield return (name, value, (int)key.Start.Line);
        }
    }

    public YamlMap? Map(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            YamlMappingNode map => new YamlMap(map, _file, Dotted(key)),
            _ => throw Error(node, Dotted(key), "expected a mapping (key: value lines)"),
        };
    }

    public YamlMap AsMap(YamlNode node, string key) =>
        node is YamlMappingNode map ? new YamlMap(map, _file, Dotted(key)) : throw Error(node, Dotted(key), "expected a mapping (key: value lines)");

    public string? String(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim(),
            _ => throw Error(node, Dotted(key), "expected a single value"),
        };
    }

    public int? Int(string key, int min, int max)
    {
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar
            || !int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, Dotted(key), $"expected a whole number from {min} to {max}");
        }

        return value < min || value > max
            ? throw Error(node, Dotted(key), $"{value} is out of range: use a whole number from {min} to {max}")
            : value;
    }

    public bool? Bool(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: "true" or "True" or "yes" } => true,
            YamlScalarNode { Value: "false" or "False" or "no" } => false,
            _ => throw Error(node, Dotted(key), "expected true or false"),
        };
    }

    public decimal? Decimal(string key, decimal min)
    {
        var node = Find(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar
            || !decimal.TryParse(scalar.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, Dotted(key), "expected a number such as 200 or 19.99");
        }

        return value < min ? throw Error(node, Dotted(key), $"{value} is below {min}") : value;
    }

    public DateOnly? Date(string key)
    {
        var node = Find(key);
        if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        return node is YamlScalarNode scalar
            && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(node, Dotted(key), "expected a date like 2026-01-31");
    }

    /// <summary>The items of a list of mappings (<c>- key: value</c> entries).</summary>
    public IReadOnlyList<YamlMap> MapList(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children
                .Select((item, i) => item is YamlMappingNode m
                    ? new YamlMap(m, _file, Dotted(key) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]")
                    : throw Error(item, Dotted(key), "expected a list of mappings (- key: value)"))
                .ToList(),
            _ => throw Error(node, Dotted(key), "expected a list of mappings (- key: value)"),
        };
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { Length: > 0 } single }:
                return [single.Trim()];
            case YamlSequenceNode sequence:
                return sequence.Children
                    .Select(item => item is YamlScalarNode { Value: { Length: > 0 } v }
                        ? v.Trim()
                        : throw Error(item, Dotted(key), "expected a list of values"))
                    .ToList();
            default:
                throw Error(node, Dotted(key), "expected a list of values");
        }
    }

    /// <summary>Fails on the first key nobody read (after the section's reads).</summary>
    public void RejectUnknown(params string[] alsoKnown)
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!_seen.Contains(name) && !alsoKnown.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, Dotted(name), "unknown field (check the spelling)");
            }
        }
    }

    /// <summary>The line of <paramref name="key"/>'s value, else of this mapping.</summary>
    public int LineOf(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (int)value.Start.Line : Line;

    public DirectoryFileException Error(YamlNode node, string field, string problem) =>
        new(_file, (int)node.Start.Line, field, problem);

    public DirectoryFileException Error(int line, string field, string problem) => new(_file, line, field, problem);

    public string Dotted(string key) => Field.Length == 0 ? key : Field + "." + key;

    private YamlNode? Find(string key)
    {
        _seen.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }
}
