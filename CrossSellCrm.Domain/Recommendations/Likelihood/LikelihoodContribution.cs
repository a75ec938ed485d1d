namespace CrossSellCrm.Domain.Recommendations.Likelihood;

public enum ContributionSource
{
    /// <summary>Something the customer owns (<see cref="LikelihoodContribution.Source"/> is its item).</summary>
    Owned,
    /// <summary>A customer feature (<see cref="LikelihoodContribution.Source"/> is its number in the vocabulary).</summary>
    Feature,
    /// <summary>A curated relation from an owned item (<see cref="LikelihoodContribution.Source"/>).</summary>
    Curated,
    /// <summary>How many customers bought the item at all.</summary>
    Popularity,
}

/// <summary>
/// One part of an item's log-odds, with the counts a reason quotes: of the <see cref="SourceHolders"/> rows that
/// hold the source, <see cref="Together"/> also hold the item (for the popularity part: all rows, and the item's buyers).
/// </summary>
public sealed record LikelihoodContribution(ContributionSource Kind, int Source, double Logit, int Together, int SourceHolders, double? DaysSince)
{
    /// <summary>The share of the source's holders who hold the item too.</summary>
    public double Share => SourceHolders == 0 ? 0 : (double)Together / SourceHolders;
}
