using System.Text.Json;
using Receipts.Domain.Usage;

namespace Receipts.Cli.Tests.Report;

public sealed class ReportUsageCommandTests : IDisposable
{
    // Published list prices in USD per million tokens, written out here so the test does not read the product's table.
    private static readonly (decimal In, decimal Out, decimal W5m, decimal W1h, decimal Read) Sonnet45 = (3m, 15m, 3.75m, 6m, 0.30m);
    private static readonly (decimal In, decimal Out, decimal W5m, decimal W1h, decimal Read) Opus41 = (15m, 75m, 18.75m, 30m, 1.50m);
    private static readonly (decimal In, decimal Out, decimal W5m, decimal W1h, decimal Read) Gpt5Codex = (1.25m, 10m, 1.25m, 1.25m, 0.125m);

    private static readonly TokenCounts TokensA = new(1_234, 5_678, 90_000, 12_000, 0);
    private static readonly TokenCounts TokensB = new(100, 1_000, 0, 0, 50_000);
    private static readonly TokenCounts TokensC = new(500, 500, 0, 0, 0);
    private static readonly TokenCounts TokensD = new(2_000_000, 100_000, 1_000_000, 0, 0);

    private readonly UsageStoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static decimal Cost(TokenCounts t, (decimal In, decimal Out, decimal W5m, decimal W1h, decimal Read) r) =>
        ((t.Input * r.In) + (t.Output * r.Out) + (t.CacheWrite5m * r.W5m) + (t.CacheWrite1h * r.W1h) + (t.CacheRead * r.Read)) / 1_000_000m;

    // a and b fall on 2026-11-20 in UTC; b (23:30 UTC) is already 2026-11-21 in Tokyo.
    private Task WriteSampleAsync() => _fixture.WriteAsync(
        UsageStoreFixture.Record("a", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), "claude-sonnet-4-5-20250929", TokensA),
        UsageStoreFixture.Record("b", new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero), "claude-opus-4-1", TokensB),
        UsageStoreFixture.Record("c", new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), "mystery-model", TokensC),
        UsageStoreFixture.Record("d", new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), "gpt-5-codex", TokensD) with { Provider = "openai", Branch = "feat/PAY-7" });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task ByDayJson_UsesCcusageFieldNames_AndTotalsMatchTheRates()
    {
        await WriteSampleAsync();

        var (code, output, _) = await _fixture.RunAsync("report", "usage", "--by", "day", "--json", "--tz", "UTC");

        code.ShouldBe(0);
        var json = Json(output);
        var daily = json.GetProperty("daily").EnumerateArray().ToList();
        daily.Select(d => d.GetProperty("date").GetString()).ShouldBe(["2026-11-20", "2026-11-21"]);

        var day1 = daily[0];
        day1.GetProperty("inputTokens").GetInt64().ShouldBe(TokensA.Input + TokensB.Input);
        day1.GetProperty("outputTokens").GetInt64().ShouldBe(TokensA.Output + TokensB.Output);
        day1.GetProperty("cacheCreationTokens").GetInt64().ShouldBe(12_000 + 50_000);
        day1.GetProperty("cacheReadTokens").GetInt64().ShouldBe(90_000);
        day1.GetProperty("totalTokens").GetInt64().ShouldBe(TokensA.Total + TokensB.Total);
        day1.GetProperty("totalCost").GetDecimal().ShouldBe(Cost(TokensA, Sonnet45) + Cost(TokensB, Opus41));
        day1.GetProperty("modelsUsed").EnumerateArray().Select(m => m.GetString()).ShouldBe(["claude-opus-4-1", "claude-sonnet-4-5-20250929"]);
        var breakdown = day1.GetProperty("modelBreakdowns").EnumerateArray().ToList();
        breakdown[0].GetProperty("modelName").GetString().ShouldBe("claude-opus-4-1");
        breakdown[0].GetProperty("cost").GetDecimal().ShouldBe(Cost(TokensB, Opus41));
        breakdown[0].GetProperty("cacheCreationTokens").GetInt64().ShouldBe(50_000);
        breakdown[0].GetProperty("cacheWrite1hTokens").GetInt64().ShouldBe(50_000);
        day1.GetProperty("costUnknown").GetBoolean().ShouldBeFalse();

        var day2 = daily[1];
        day2.GetProperty("totalCost").GetDecimal().ShouldBe(Cost(TokensD, Gpt5Codex));
        day2.GetProperty("costUnknown").GetBoolean().ShouldBeTrue();
        day2.GetProperty("unpricedModels").EnumerateArray().Select(m => m.GetString()).ShouldBe(["mystery-model"]);

        var totals = json.GetProperty("totals");
        totals.GetProperty("inputTokens").GetInt64().ShouldBe(TokensA.Input + TokensB.Input + TokensC.Input + TokensD.Input);
        totals.GetProperty("totalTokens").GetInt64().ShouldBe(TokensA.Total + TokensB.Total + TokensC.Total + TokensD.Total);
        totals.GetProperty("totalCost").GetDecimal().ShouldBe(Cost(TokensA, Sonnet45) + Cost(TokensB, Opus41) + Cost(TokensD, Gpt5Codex));
        json.GetProperty("unpricedModels").EnumerateArray().Select(m => m.GetString()).ShouldBe(["mystery-model"]);
    }

    [Fact]
    public async Task TimeZone_MovesARecordAcrossMidnight_AndSinceUntilAreLocalDates()
    {
        await WriteSampleAsync();

        var tokyo = Json((await _fixture.RunAsync("report", "usage", "--json", "--tz", "Asia/Tokyo")).Out);
        var window = Json((await _fixture.RunAsync("report", "usage", "--json", "--tz", "Asia/Tokyo", "--since", "20261121", "--until", "2026-11-21")).Out);
        var windowUtc = Json((await _fixture.RunAsync("report", "usage", "--json", "--tz", "UTC", "--since", "2026-11-21", "--until", "2026-11-21")).Out);

        var days = tokyo.GetProperty("daily").EnumerateArray().ToList();
        days.Select(d => d.GetProperty("date").GetString()).ShouldBe(["2026-11-20", "2026-11-21"]);
        days[0].GetProperty("totalCost").GetDecimal().ShouldBe(Cost(TokensA, Sonnet45));
        days[1].GetProperty("totalCost").GetDecimal().ShouldBe(Cost(TokensB, Opus41) + Cost(TokensD, Gpt5Codex));
        tokyo.GetProperty("timeZone").GetString().ShouldBe("Asia/Tokyo");

        window.GetProperty("daily").EnumerateArray().Select(d => d.GetProperty("date").GetString()).ShouldBe(["2026-11-21"]);
        window.GetProperty("totals").GetProperty("inputTokens").GetInt64().ShouldBe(TokensB.Input + TokensC.Input + TokensD.Input);
        windowUtc.GetProperty("totals").GetProperty("inputTokens").GetInt64().ShouldBe(TokensC.Input + TokensD.Input);
    }

    [Fact]
    public async Task DefaultZone_IsTheMachinesZone()
    {
        await WriteSampleAsync();

        // CliRun's machine zone is UTC: b stays on the 20th.
        var json = Json((await _fixture.RunAsync("report", "usage", "--json")).Out);

        json.GetProperty("daily")[0].GetProperty("inputTokens").GetInt64().ShouldBe(TokensA.Input + TokensB.Input);
    }

    [Fact]
    public async Task Csv_HasAHeaderAndOneRawRowPerGroup()
    {
        await WriteSampleAsync();

        var (code, output, _) = await _fixture.RunAsync("report", "usage", "--csv", "--tz", "UTC");

        code.ShouldBe(0);
        var lines = output.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("date,models,input_tokens,output_tokens,cache_write_5m_tokens,cache_write_1h_tokens,cache_read_tokens,total_tokens,web_search_requests,cost_usd,cost_unknown,unpriced_models");
        lines.Length.ShouldBe(3);
        var first = lines[1].Split(',');
        first[0].ShouldBe("2026-11-20");
        lines[1].ShouldContain("\"claude-opus-4-1, claude-sonnet-4-5-20250929\"");
        lines[1].ShouldEndWith($",{TokensA.Input + TokensB.Input},{TokensA.Output + TokensB.Output},12000,50000,90000,{TokensA.Total + TokensB.Total},0,{Cost(TokensA, Sonnet45) + Cost(TokensB, Opus41)},false,");
        lines[2].ShouldEndWith($",{Cost(TokensD, Gpt5Codex)},true,mystery-model");
    }

    [Fact]
    public async Task Table_ShowsThousandsDollarsTotalsAndWarnsAboutUnpricedModels()
    {
        await WriteSampleAsync();

        var (code, output, _) = await _fixture.RunAsync("report", "usage", "--tz", "UTC");

        code.ShouldBe(0);
        output.ShouldContain("2026-11-20");
        output.ShouldContain("2,000,500");                 // input on the 21st: 500 + 2,000,000
        output.ShouldContain("$1.74");                     // 0.160872 + 1.5765 = 1.737372
        output.ShouldContain("$3.63 + ?");                 // 3.625 rounded half away from zero, plus an unknown
        output.ShouldContain("Total");
        output.ShouldContain("$5.36 + ?");
        output.ShouldContain("warning: no price for mystery-model");
    }

    [Theory]
    [InlineData("week", "weekly", "week", "2026-W47")]
    [InlineData("month", "monthly", "month", "2026-11")]
    [InlineData("project", "projects", "project", "github.com/acme/api")]
    public async Task OtherGroupings_UseTheirOwnArrayAndKeyNames(string by, string array, string key, string expected)
    {
        await WriteSampleAsync();

        var json = Json((await _fixture.RunAsync("report", "usage", "--by", by, "--json", "--tz", "UTC")).Out);

        var rows = json.GetProperty(array).EnumerateArray().ToList();
        rows.Count.ShouldBe(1);
        rows[0].GetProperty(key).GetString().ShouldBe(expected);
        rows[0].GetProperty("inputTokens").GetInt64().ShouldBe(json.GetProperty("totals").GetProperty("inputTokens").GetInt64());
    }

    [Fact]
    public async Task BySession_ShowsProjectAndLastActivity()
    {
        await WriteSampleAsync();

        var json = Json((await _fixture.RunAsync("report", "usage", "--by", "session", "--json", "--tz", "Asia/Tokyo")).Out);

        var sessions = json.GetProperty("sessions").EnumerateArray().ToList();
        sessions.Select(s => s.GetProperty("sessionId").GetString()).ShouldBe(["s-a", "s-b", "s-c", "s-d"]);
        sessions[1].GetProperty("project").GetString().ShouldBe("github.com/acme/api");
        sessions[1].GetProperty("lastActivity").GetString().ShouldBe("2026-11-21");
        sessions[1].GetProperty("lastActivityAt").GetString().ShouldBe("2026-11-21T08:30:00+09:00");
    }

    [Fact]
    public async Task ByBranchAndModel_GroupByThoseFields()
    {
        await WriteSampleAsync();

        var branches = Json((await _fixture.RunAsync("report", "usage", "--by", "branch", "--json")).Out).GetProperty("branches").EnumerateArray().ToList();
        var models = Json((await _fixture.RunAsync("report", "usage", "--by", "model", "--json")).Out).GetProperty("models").EnumerateArray().ToList();

        branches.Select(b => (b.GetProperty("project").GetString(), b.GetProperty("branch").GetString())).ShouldBe(
            [("github.com/acme/api", "feat/PAY-7"), ("github.com/acme/api", "main")]);
        models.Select(m => m.GetProperty("model").GetString()).ShouldBe(["gpt-5-codex", "claude-opus-4-1", "claude-sonnet-4-5-20250929", "mystery-model"]);
    }

    [Fact]
    public async Task EmptyStore_SaysHowToImport_AndExitsZero()
    {
        var (code, output, _) = await _fixture.RunAsync("report", "usage");
        var (jsonCode, json, error) = await _fixture.RunAsync("report", "usage", "--json");

        code.ShouldBe(0);
        output.ShouldContain("No usage yet. Import some with `receipts import claude-code`.");
        jsonCode.ShouldBe(0);
        Json(json).GetProperty("daily").GetArrayLength().ShouldBe(0);
        error.ShouldContain("No usage yet.");
    }

    [Fact]
    public async Task NothingInThePeriod_SaysSo()
    {
        await WriteSampleAsync();

        var (code, output, _) = await _fixture.RunAsync("report", "usage", "--since", "2027-01-01", "--tz", "UTC");

        code.ShouldBe(0);
        output.ShouldContain("No usage since 2027-01-01 (UTC).");
    }

    [Theory]
    [InlineData("--tz", "Mars/Olympus_Mons", "Unknown time zone \"Mars/Olympus_Mons\"")]
    [InlineData("--since", "2026-02-30", "--since \"2026-02-30\" is not a date")]
    [InlineData("--until", "yesterday", "--until \"yesterday\" is not a date")]
    public async Task BadOptions_GiveAClearErrorAndExitOne(string option, string value, string message)
    {
        var (code, _, error) = await _fixture.RunAsync("report", "usage", option, value);

        code.ShouldBe(1);
        error.ShouldContain(message);
        error.ShouldContain("hint:");
    }

    [Fact]
    public async Task JsonAndCsvTogether_IsRefused()
    {
        var (code, _, error) = await _fixture.RunAsync("report", "usage", "--json", "--csv");

        code.ShouldBe(1);
        error.ShouldContain("--json and --csv cannot be used together");
    }
}
