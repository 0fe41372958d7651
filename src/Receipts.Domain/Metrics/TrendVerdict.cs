namespace Receipts.Domain.Metrics;

public enum TrendVerdict
{
    /// <summary>Fewer verified outcomes than the minimum in either quarter.</summary>
    NotEnoughData = 0,

    /// <summary>CPVO down, verified share holding or up.</summary>
    PayingOff = 1,

    /// <summary>CPVO flat or up, verified share sliding.</summary>
    NotPayingOff = 2,

    /// <summary>The two signals disagree (e.g. CPVO down while the share slides): read the numbers.</summary>
    Mixed = 3,
}
