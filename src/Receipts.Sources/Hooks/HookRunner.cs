using Receipts.Domain.Usage;

namespace Receipts.Sources.Hooks;

/// <summary>
/// The Claude Code hook's work. SessionEnd reads the session transcript's new lines (and its
/// subagents'), posts their usage with git context and the machine user, and spools the batch when
/// the server does not take it. SessionStart resends the spool and sweeps transcripts whose cursor is
/// behind the file (sessions that ended without a hook: laptop slept, terminal killed). Everything
/// stops at the budget; what is left goes next time. Never throws for bad input, never sends content.
/// </summary>
public sealed class HookRunner : IDisposable
{
    /// <summary>Time kept back from the budget to write the spool and cursors after a POST gives up.</summary>
    private static readonly TimeSpan Reserve = TimeSpan.FromMilliseconds(100);

    private readonly HookOptions _options;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly HttpClient? _client;
    private readonly HookSender? _sender;
    private readonly HookSpool _spool;
    private readonly Dictionary<string, HookGitContext.Context> _gitByCwd = new(StringComparer.Ordinal);
    private int _sent, _spooled, _spoolFilesSent, _transcripts;
    private bool _outOfTime;
    private bool _serverDown;

    public HookRunner(HookOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _started = time.GetTimestamp();
        _spool = new HookSpool(Path.Combine(options.StateDirectory, "spool"));
        if (options.ServerUrl is { } server && Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            // A plain http:// server gets one POST over a socket (PlainHttpPost: no HttpClient start-up cost);
            // https:// and tests that bring their own handler go through HttpClient.
            if (handler is not null || serverUri.Scheme != Uri.UriSchemeHttp)
            {
                _client = handler is null
                    ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.HttpTimeout }, disposeHandler: true)
                    : new HttpClient(handler, disposeHandler: false);
                _client.Timeout = Timeout.InfiniteTimeSpan;
            }

            _sender = new HookSender(_client, HookSender.EndpointFor(server), options.Token, time);
        }
    }

    private string CursorDirectory => Path.Combine(_options.StateDirectory, "cursors");

    private TimeSpan Remaining => _options.Budget - _time.GetElapsedTime(_started);

    public async Task<HookOutcome> SessionEndAsync(HookInput? input, CancellationToken cancellationToken)
    {
        if (input?.TranscriptPath is { Length: > 0 } transcript && File.Exists(transcript))
        {
            var files = new List<string> { transcript };
            files.AddRange(SubagentTranscripts(transcript, input.SessionId));
            await ReportAsync(files, input.Cwd, cancellationToken);
        }

        if (!_serverDown)
        {
            await ResendSpoolAsync(cancellationToken);
        }

        return Outcome(input is null ? "the hook input was not JSON" : null);
    }

    public async Task<HookOutcome> SessionStartAsync(HookInput? input, CancellationToken cancellationToken)
    {
        await ResendSpoolAsync(cancellationToken);
        if (!_serverDown)
        {
            await SweepAsync(cancellationToken);
        }

        return Outcome(input is null ? "the hook input was not JSON" : null);
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>Reads the files' new lines, sends one batch, advances their cursors once it is sent or spooled.</summary>
    private async Task ReportAsync(IReadOnlyList<string> files, string? fallbackCwd, CancellationToken cancellationToken)
    {
        var chunks = new List<TranscriptChunk>();
        foreach (var file in files)
        {
            if (Remaining <= Reserve)
            {
                _outOfTime = true;
                break;
            }

            try
            {
                chunks.Add(TranscriptTail.Read(file, TranscriptCursor.Read(CursorDirectory, file)));
                _transcripts++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A transcript that vanished or cannot be read is skipped; nothing else depends on it.
            }
        }

        var records = Enrich(Deduplicate(chunks.SelectMany(c => c.Records)), fallbackCwd);
        if (records.Count > 0)
        {
            var body = HookUsageBatch.Serialize(records);
            var result = _sender is null || _serverDown
                ? HookSendResult.Retry
                : await _sender.SendAsync(body, Min(_options.HttpTimeout, Remaining - Reserve), cancellationToken);
            switch (result)
            {
                case HookSendResult.Sent:
                    _sent += records.Count;
                    break;
                case HookSendResult.Rejected:
                    _spool.Reject(_spool.Add(body, _time.GetUtcNow()));
                    break;
                default:
                    _serverDown = _sender is not null;
                    _spool.Add(body, _time.GetUtcNow());
                    _spooled += records.Count;
                    break;
            }
        }

        foreach (var chunk in chunks.Where(c => c.Advanced))
        {
            TranscriptCursor.Write(CursorDirectory, chunk.Path, chunk.EndOffset);
        }
    }

    private async Task ResendSpoolAsync(CancellationToken cancellationToken)
    {
        if (_sender is null)
        {
            return;
        }

        foreach (var file in _spool.Pending())
        {
            if (Remaining <= Reserve)
            {
                _outOfTime = true;
                return;
            }

            byte[] body;
            try
            {
                body = await File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            switch (await _sender.SendAsync(body, Min(_options.HttpTimeout, Remaining - Reserve), cancellationToken))
            {
                case HookSendResult.Sent:
                    HookSpool.TryDelete(file);
                    _spoolFilesSent++;
                    break;
                case HookSendResult.Rejected:
                    _spool.Reject(file);
                    break;
                default:
                    _serverDown = true;
                    return;
            }
        }
    }

    /// <summary>Transcripts whose cursor is behind the file, newest first, one batch each, until time runs out.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<FileInfo>();
        foreach (var root in _options.TranscriptRoots.Where(Directory.Exists))
        {
            try
            {
                candidates.AddRange(new DirectoryInfo(root).EnumerateFiles("*.jsonl", SearchOption.AllDirectories));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable root is skipped.
            }
        }

        foreach (var file in candidates.OrderByDescending(f => f.LastWriteTimeUtc))
        {
            if (Remaining <= Reserve * 2 || _serverDown)
            {
                _outOfTime = Remaining <= Reserve * 2;
                return;
            }

            if (file.Length != TranscriptCursor.Read(CursorDirectory, file.FullName))
            {
                await ReportAsync([file.FullName], null, cancellationToken);
            }
        }
    }

    private static IEnumerable<string> SubagentTranscripts(string transcript, string? sessionId)
    {
        var sessionDirectory = Path.Combine(Path.GetDirectoryName(transcript) ?? ".", sessionId ?? Path.GetFileNameWithoutExtension(transcript));
        var subagents = Path.Combine(sessionDirectory, "subagents");
        return Directory.Exists(subagents) ? Directory.EnumerateFiles(subagents, "*.jsonl", SearchOption.AllDirectories) : [];
    }

    /// <summary>
    /// One record per id, the fuller copy winning (one response is written as several lines, each with
    /// the usage). A sidechain replay of a main-thread message (same message id, another request id) is dropped.
    /// </summary>
    private static List<UsageRecord> Deduplicate(IEnumerable<UsageRecord> records)
    {
        var byId = new Dictionary<string, UsageRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!byId.TryGetValue(record.Id, out var existing)
                || (existing.IsSidechain && !record.IsSidechain)
                || (existing.IsSidechain == record.IsSidechain && record.Tokens.Total > existing.Tokens.Total))
            {
                byId[record.Id] = record;
            }
        }

        var mainMessages = byId.Values.Where(r => !r.IsSidechain && r.MessageId is not null).Select(r => r.MessageId!).ToHashSet(StringComparer.Ordinal);
        return [.. byId.Values.Where(r => !(r.IsSidechain && r.MessageId is not null && mainMessages.Contains(r.MessageId)))];
    }

    private List<UsageRecord> Enrich(List<UsageRecord> records, string? fallbackCwd)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var cwd = record.Cwd ?? fallbackCwd;
            var git = Git(cwd);
            var branch = record.Branch ?? git.Branch;
            records[i] = record with
            {
                Cwd = cwd,
                Repo = git.Repo ?? cwd,
                Branch = branch,
                TicketIds = HookGitContext.TicketIds(branch),
                MachineUser = _options.MachineUser,
                SourceName = _options.HostName,
            };
        }

        return records;
    }

    private HookGitContext.Context Git(string? cwd)
    {
        if (cwd is null)
        {
            return new HookGitContext.Context(null, null, null);
        }

        if (!_gitByCwd.TryGetValue(cwd, out var context))
        {
            context = HookGitContext.Resolve(cwd);
            _gitByCwd[cwd] = context;
        }

        return context;
    }

    private HookOutcome Outcome(string? problem) =>
        new(_sent, _spooled, _spoolFilesSent, _transcripts, _outOfTime, _time.GetElapsedTime(_started), problem);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
