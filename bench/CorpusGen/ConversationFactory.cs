namespace Receipts.Bench.CorpusGen;

/// <summary>
/// Draws turns, responses, usage and tool results. Usage follows how prompt caching behaves: each
/// request reads the cached context back and writes what was added since the last one.
/// </summary>
internal sealed class ConversationFactory(Random random, IdFactory ids, TextPool pool)
{
    private static readonly string[] Tools = ["Bash", "Read", "Edit", "Grep", "Write", "Task", "TodoWrite"];
    private static readonly int[] ToolWeights = [30, 30, 14, 10, 5, 5, 6];
    private static readonly string[] Files =
    [
        "src/Payments/Refunds.cs", "src/Payments/Ledger.cs", "src/Api/Program.cs", "tests/RefundTests.cs",
        "README.md", "src/Web/app.ts", "src/Web/components/Invoice.tsx", "docs/architecture.md", "package.json",
    ];

    public TurnSpec CreateTurn(SessionState state, List<PendingAgent> agents, int maxSteps)
    {
        var started = state.NowMs;
        var prompt = pool.Slice(random, LogUniform(40, 900));
        state.PendingWrite += prompt.Length / 4;
        var stepCount = Math.Min(maxSteps, 1 + Geometric(0.2));
        var steps = new List<StepSpec>(stepCount);
        var compacts = false;
        for (var k = 0; k < stepCount; k++)
        {
            // Claude Code compacts before a 200k window fills; only 1M-window sessions go past it.
            if (state.ContextTokens > (state.LongContext ? 700_000 : 160_000))
            {
                compacts = true;
                state.ContextTokens = random.Next(15_000, 26_000);
                state.PendingWrite = state.ContextTokens;
            }

            state.NowMs += random.Next(2_000, 40_000);
            var isLast = k == stepCount - 1;
            var response = CreateResponse(state, isLast);
            var results = new List<ToolResultSpec>();
            foreach (var block in response.Blocks)
            {
                if (block.Kind == BlockKind.ToolUse)
                {
                    results.Add(CreateToolResult(state, block, agents));
                }
            }

            steps.Add(new StepSpec(response, results));
        }

        state.NowMs += random.Next(20_000, 600_000);
        return new TurnSpec(started, prompt, steps, WritesSnapshot: random.Next(3) == 0, CompactsAfter: compacts);
    }

    private ResponseSpec CreateResponse(SessionState state, bool isLast)
    {
        if (random.Next(60) == 0)
        {
            // A /model switch mid-session; a session past 200k tokens stays on a 1M-window model.
            var next = ModelCatalog.MainModel(random);
            if (state.AllowsTasks && (!state.LongContext || ModelCatalog.HasLongContext(next)))
            {
                state.Model = next;
            }
        }

        var blocks = new List<ContentBlock>(4);
        var thinks = random.Next(10) < 4;
        if (thinks)
        {
            blocks.Add(new ContentBlock(BlockKind.Thinking, pool.Slice(random, LogUniform(150, 4_000))));
        }

        if (isLast || random.Next(10) < 6)
        {
            blocks.Add(new ContentBlock(BlockKind.Text, pool.Slice(random, LogUniform(60, isLast ? 3_000 : 600))));
        }

        var toolChars = 0;
        if (!isLast)
        {
            var toolCount = random.Next(10) == 0 ? random.Next(2, 4) : 1;
            for (var t = 0; t < toolCount; t++)
            {
                var block = CreateToolUse(state);
                toolChars += block.Text.Length + block.Extra.Length;
                blocks.Add(block);
            }
        }

        var usage = DrawUsage(state, thinks, toolChars);
        long? partial = null;
        if (blocks.Count > 1 && random.Next(10) < 3 && usage.Output > 12)
        {
            partial = random.Next(1, 12);
        }

        return new ResponseSpec(
            ids.MessageId(),
            ids.RequestId(),
            state.Model,
            state.NowMs,
            usage,
            blocks,
            partial,
            isLast ? "end_turn" : "tool_use");
    }

    private Usage DrawUsage(SessionState state, bool thinks, int toolChars)
    {
        var input = random.Next(10) == 0 ? LogUniform(50, 8_000) : random.Next(1, 12);
        var write = state.PendingWrite + random.Next(20, 600);
        var read = state.ContextTokens;
        var output = (thinks ? LogUniform(300, 6_000) : LogUniform(20, 1_500)) + (toolChars / 4);
        state.ContextTokens += write + output;
        state.PendingWrite = 0;

        long write5m = write;
        long write1h = 0;
        if (state.CacheBreakdown && state.UsesOneHourCache)
        {
            (write5m, write1h) = random.Next(8) == 0 ? (write / 3, write - (write / 3)) : (0, write);
        }

        return new Usage(input, output, write5m, write1h, read);
    }

    private ContentBlock CreateToolUse(SessionState state)
    {
        var tool = Tools[PickIndex(ToolWeights)];
        if (tool == "Task" && !state.AllowsTasks)
        {
            tool = "Grep";
        }

        var file = state.Cwd + "/" + Files[random.Next(Files.Length)];
        var id = ids.ToolUseId();
        return tool switch
        {
            "Read" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, 1), tool, id, file),
            "Edit" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, LogUniform(80, 3_000)), tool, id, file, pool.Slice(random, LogUniform(80, 2_000))),
            "Write" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, LogUniform(800, 15_000)), tool, id, file),
            "Grep" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, 1), tool, id, state.Cwd),
            "Task" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, LogUniform(200, 2_000)), tool, id),
            "TodoWrite" => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, LogUniform(50, 300)), tool, id),
            _ => new ContentBlock(BlockKind.ToolUse, pool.Slice(random, LogUniform(20, 300)), tool, id),
        };
    }

    private ToolResultSpec CreateToolResult(SessionState state, ContentBlock toolUse, List<PendingAgent> agents)
    {
        var tool = toolUse.ToolName!;
        AgentSummary? agent = null;
        if (tool == "Task")
        {
            agent = RunAgent(state, toolUse.ToolUseId!, agents);
        }

        var chars = tool switch
        {
            "Read" => LogUniform(500, 25_000),
            "Bash" => random.Next(40) == 0 ? LogUniform(50_000, 200_000) : LogUniform(100, 12_000),
            "Grep" => LogUniform(200, 8_000),
            "Task" => LogUniform(500, 4_000),
            "TodoWrite" => LogUniform(60, 200),
            _ => LogUniform(100, 2_000),
        };
        var output = pool.Slice(random, chars);
        state.NowMs += random.Next(300, 30_000);
        state.PendingWrite += output.Length / 4;
        var isError = agent is null && random.Next(40) == 0;
        return new ToolResultSpec(toolUse.ToolUseId!, tool, output, state.NowMs, isError, toolUse.FilePath, agent);
    }

    private AgentSummary RunAgent(SessionState parent, string toolUseId, List<PendingAgent> agents)
    {
        var model = random.Next(6) == 0 ? parent.Model : ModelCatalog.AgentModel(random);
        var state = new SessionState
        {
            Model = model,
            Cwd = parent.Cwd,
            NowMs = parent.NowMs + random.Next(200, 2_000),
            ContextTokens = random.Next(6_000, 14_000),
            PendingWrite = random.Next(2_000, 8_000),
            UsesOneHourCache = false,
            CacheBreakdown = parent.CacheBreakdown,
            LongContext = false,
            LegacyLayout = parent.LegacyLayout,
            AllowsTasks = false,
        };
        var started = state.NowMs;
        var turn = CreateTurn(state, agents, maxSteps: 15);
        var total = new TokenTotals();
        var toolUses = 0;
        foreach (var step in turn.Steps)
        {
            total.Add(step.Response.Usage);
            toolUses += step.ToolResults.Count;
        }

        var agentId = ids.AgentId(legacy: parent.LegacyLayout);
        agents.Add(new PendingAgent(agentId, toolUseId, model, [turn]));
        parent.NowMs = state.NowMs;
        var usage = new Usage(total.Input, total.Output, total.CacheCreation5m, total.CacheCreation1h, total.CacheRead);
        return new AgentSummary(agentId, usage, toolUses, state.NowMs - started);
    }

    private int PickIndex(int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
            {
                return i;
            }

            roll -= weights[i];
        }

        return weights.Length - 1;
    }

    private int Geometric(double p)
    {
        var n = 0;
        while (random.NextDouble() > p && n < 40)
        {
            n++;
        }

        return n;
    }

    private int LogUniform(int min, int max) =>
        (int)Math.Exp(Math.Log(min) + (random.NextDouble() * (Math.Log(max) - Math.Log(min))));
}
