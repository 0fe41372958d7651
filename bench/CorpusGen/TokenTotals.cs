namespace Receipts.Bench.CorpusGen;

/// <summary>A running sum of token counts by kind, plus how many responses went into it.</summary>
internal sealed class TokenTotals
{
    public long Requests { get; private set; }

    public long Input { get; private set; }

    public long Output { get; private set; }

    public long CacheCreation5m { get; private set; }

    public long CacheCreation1h { get; private set; }

    public long CacheRead { get; private set; }

    public long CacheCreation => CacheCreation5m + CacheCreation1h;

    public long Total => Input + Output + CacheCreation + CacheRead;

    public void Add(Usage usage)
    {
        Requests++;
        Input += usage.Input;
        Output += usage.Output;
        CacheCreation5m += usage.CacheCreation5m;
        CacheCreation1h += usage.CacheCreation1h;
        CacheRead += usage.CacheRead;
    }

    public void Add(TokenTotals other)
    {
        Requests += other.Requests;
        Input += other.Input;
        Output += other.Output;
        CacheCreation5m += other.CacheCreation5m;
        CacheCreation1h += other.CacheCreation1h;
        CacheRead += other.CacheRead;
    }
}
