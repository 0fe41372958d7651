using System.Globalization;

namespace Receipts.Bench.CorpusGen;

/// <summary>
/// Writes one project directory: sessions until its byte budget is spent, with their subagents,
/// resumed sessions, copies and sidechain replays. Each project has its own seeded random, so
/// projects can be written in parallel and the corpus is still the same for one seed.
/// </summary>
internal sealed class ProjectGenerator
{
    private static readonly string[] Names =
    [
        "payments", "web-app", "billing-api", "mobile", "infra", "data-pipeline", "auth-service", "docs-site",
        "search", "notifications", "ledger", "admin-portal", "ml-platform", "checkout", "reporting", "gateway",
    ];

    private static readonly string[] Branches = ["main", "feat/PAY-123-refunds", "fix/BILL-88-rounding", "chore/deps", "feat/ML-7-ranker", ""];

    private readonly int _index;
    private readonly GeneratorOptions _options;
    private readonly long _budget;
    private readonly TextPool _pool;
    private readonly CorpusStats _stats = new();
    private readonly Random _random;
    private readonly IdFactory _ids;
    private readonly ConversationFactory _factory;
    private readonly string _cwd;
    private readonly string _directory;
    private readonly bool _legacy;
    private readonly bool _cacheBreakdown;
    private readonly string _version;
    private readonly int _firstDay;
    private readonly int _dayCount;
    private readonly List<ResponseSpec> _copyable = [];
    private SessionRecord? _previous;

    public ProjectGenerator(int index, GeneratorOptions options, long budget, TextPool pool)
    {
        _index = index;
        _options = options;
        _budget = budget;
        _pool = pool;
        _random = new Random(unchecked((options.Seed * 1_000_003) + (index * 7_919)));
        _ids = new IdFactory(_random);
        _factory = new ConversationFactory(_random, _ids, pool);
        var name = Names[index % Names.Length] + (index < Names.Length ? string.Empty : "-" + (index / Names.Length).ToString(CultureInfo.InvariantCulture));
        _cwd = (index % 5) switch
        {
            0 => "/home/dev/work/acme/" + name,
            1 => "/home/dev/src/" + name + "/.worktrees/feat_x",
            _ => "/home/dev/src/" + name,
        };
        _directory = Path.Combine(options.OutDirectory, "projects", Encode(_cwd));
        _legacy = _random.Next(5) == 0;
        _cacheBreakdown = !_legacy || _random.Next(2) == 0;
        _version = _legacy
            ? "1.0." + _random.Next(30, 128).ToString(CultureInfo.InvariantCulture)
            : "2." + _random.Next(0, 2).ToString(CultureInfo.InvariantCulture) + "." + _random.Next(10, 80).ToString(CultureInfo.InvariantCulture);
        _dayCount = Math.Max(1, _random.Next(Math.Max(1, options.Days / 4), options.Days + 1));
        _firstDay = _random.Next(0, Math.Max(1, options.Days - _dayCount + 1));
    }

    public CorpusStats Generate()
    {
        Directory.CreateDirectory(_directory);
        _stats.Projects = 1;
        while (_stats.Bytes < _budget)
        {
            WriteSession();
        }

        return _stats;
    }

    /// <summary>Claude Code's directory name for a working directory: every non-alphanumeric becomes '-'.</summary>
    public static string Encode(string cwd) =>
        string.Create(cwd.Length, cwd, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '-';
            }
        });

    private void WriteSession()
    {
        var sessionId = _ids.Uuid();
        var model = ModelCatalog.MainModel(_random);
        var longContext = ModelCatalog.HasLongContext(model) && _random.Next(40) == 0;
        var day = _options.FirstDay.AddDays(_firstDay + _random.Next(_dayCount));
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var start = dayStart + (_random.Next(1, 16) * 3_600_000L) + _random.Next(3_600_000);
        var resumes = _previous is not null && _random.Next(7) == 0;
        if (resumes)
        {
            start = Math.Max(start, _previous!.EndMs + _random.Next(60_000, 3_600_000));
            dayStart = start - (start % 86_400_000L);
        }

        var state = new SessionState
        {
            Model = model,
            Cwd = _cwd,
            NowMs = start,
            ContextTokens = longContext ? _random.Next(150_000, 260_000) : _random.Next(10_000, 18_000),
            PendingWrite = _random.Next(4_000, 20_000),
            UsesOneHourCache = _cacheBreakdown && _random.Next(4) == 0,
            CacheBreakdown = _cacheBreakdown,
            LongContext = longContext,
            LegacyLayout = _legacy,
            AllowsTasks = true,
        };
        var context = new FileContext(sessionId, _cwd, Branches[_random.Next(Branches.Length)], _version, IsSidechain: false, AgentId: null, _cacheBreakdown);
        var turns = new List<TurnSpec>();
        var agents = new List<PendingAgent>();
        var responses = new List<ResponseSpec>();

        using (var writer = new TranscriptWriter(Path.Combine(_directory, sessionId + ".jsonl"), context, _pool, _ids, _stats))
        {
            _stats.SessionFiles++;
            if (_random.Next(10) == 0)
            {
                writer.Summary(_pool.Slice(_random, 60));
            }

            if (resumes)
            {
                // A resumed session replays the earlier history: fresh uuids, same ids and usage.
                _stats.ResumedSessions++;
                foreach (var turn in _previous!.Turns)
                {
                    writer.Turn(turn);
                }
            }

            var turnCount = 1 + _random.Next(2, 30);
            var dayEnd = dayStart + (22 * 3_600_000L);
            for (var t = 0; t < turnCount && state.NowMs < dayEnd - 3_600_000L; t++)
            {
                agents.Clear();
                var turn = _factory.CreateTurn(state, agents, maxSteps: 25);
                foreach (var step in turn.Steps)
                {
                    _stats.AddExpected(step.Response);
                    responses.Add(step.Response);
                }

                WriteAgents(sessionId, agents);
                writer.Turn(turn);
                turns.Add(turn);
                WriteExtras(writer, state);
            }

            if (_random.Next(30) == 0)
            {
                writer.TruncatedCopyOfLastLine();
            }
        }

        if (!_legacy && responses.Count > 0 && _random.Next(20) == 0)
        {
            WriteSidechainReplay(context, state, responses);
        }

        foreach (var response in responses)
        {
            if (response.PartialOutput is not null)
            {
                _stats.PartialResponses++;
            }

            if (_copyable.Count < 64 && _random.Next(40) == 0)
            {
                _copyable.Add(response);
            }
        }

        _previous = new SessionRecord(turns.Take(_random.Next(1, 4)).ToList(), state.NowMs);
    }

    /// <summary>Now and then: a copy of a response from an earlier session, an API error placeholder, a broken line.</summary>
    private void WriteExtras(TranscriptWriter writer, SessionState state)
    {
        if (_copyable.Count > 0 && _random.Next(25) == 0)
        {
            writer.Response(_copyable[_random.Next(_copyable.Count)]);
            _stats.CopiedResponses++;
        }

        if (_random.Next(80) == 0)
        {
            writer.SyntheticError(state.NowMs);
        }

        if (_random.Next(150) == 0)
        {
            writer.Malformed();
        }
    }

    private void WriteAgents(string sessionId, List<PendingAgent> agents)
    {
        foreach (var agent in agents)
        {
            string path;
            if (_legacy)
            {
                path = Path.Combine(_directory, "agent-" + agent.AgentId + ".jsonl");
                _stats.LegacyAgentFiles++;
            }
            else
            {
                var folder = Path.Combine(_directory, sessionId, "subagents");
                Directory.CreateDirectory(folder);
                path = Path.Combine(folder, "agent-" + agent.AgentId + ".jsonl");
                File.WriteAllText(
                    Path.Combine(folder, "agent-" + agent.AgentId + ".meta.json"),
                    "{\"agentType\":\"general-purpose\",\"description\":\"Investigate the failing tests\",\"parentAgentId\":null,\"spawnDepth\":1,\"isFork\":false,\"model\":\""
                        + agent.Model + "\",\"toolUseId\":\"" + agent.ToolUseId + "\"}\n");
                _stats.SubagentFiles++;
                _stats.MetaFiles++;
            }

            _stats.Subagents++;
            var context = new FileContext(sessionId, _cwd, "main", _version, IsSidechain: true, agent.AgentId, _cacheBreakdown);
            using var writer = new TranscriptWriter(path, context, _pool, _ids, _stats);
            foreach (var turn in agent.Turns)
            {
                foreach (var step in turn.Steps)
                {
                    _stats.AddExpected(step.Response);
                }

                writer.Turn(turn);
            }
        }
    }

    /// <summary>
    /// A /btw aside: a sidechain file that replays parent responses under new request ids with a
    /// larger cache read, then asks one question of its own. Only the aside is new usage.
    /// </summary>
    private void WriteSidechainReplay(FileContext parent, SessionState state, List<ResponseSpec> responses)
    {
        var agentId = _ids.AgentId(legacy: false);
        var folder = Path.Combine(_directory, parent.SessionId, "subagents");
        Directory.CreateDirectory(folder);
        var context = parent with { IsSidechain = true, AgentId = agentId };
        using var writer = new TranscriptWriter(Path.Combine(folder, "agent-" + agentId + ".jsonl"), context, _pool, _ids, _stats);
        _stats.SubagentFiles++;
        var replays = _random.Next(1, 4);
        for (var i = 0; i < replays; i++)
        {
            var original = responses[_random.Next(responses.Count)];
            var replay = original with
            {
                RequestId = _ids.RequestId(),
                Usage = original.Usage with { CacheRead = original.Usage.CacheRead + _random.Next(1_000, 20_000) },
            };
            writer.Response(replay);
            _stats.SidechainReplays++;
            _stats.KeyOnly.Add(replay.Usage);
        }

        var aside = new SessionState
        {
            Model = state.Model,
            Cwd = _cwd,
            NowMs = state.NowMs + 1_000,
            ContextTokens = state.ContextTokens,
            CacheBreakdown = _cacheBreakdown,
            AllowsTasks = false,
        };
        var agents = new List<PendingAgent>();
        var turn = _factory.CreateTurn(aside, agents, maxSteps: 1);
        foreach (var step in turn.Steps)
        {
            _stats.AddExpected(step.Response);
        }

        writer.Turn(turn);
    }
}
